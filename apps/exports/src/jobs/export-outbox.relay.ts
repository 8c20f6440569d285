import { OutboxPublisherFor } from '@dtp/messaging';
import { ExportJobRecord } from './schemas/export-job.schema';

/** Publishes the export jobs' outbox (exports.job.v1) for as long as the app runs. */
export class ExportOutboxRelay extends OutboxPublisherFor(ExportJobRecord.name) {}
