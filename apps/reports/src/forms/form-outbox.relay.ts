import { OutboxPublisherFor } from '@dtp/messaging';
import { ReportForm } from './schemas/report-form.schema';

/** Publishes the forms' outbox (reports.form.v1) for as long as the app runs. */
export class FormOutboxRelay extends OutboxPublisherFor(ReportForm.name) {}
