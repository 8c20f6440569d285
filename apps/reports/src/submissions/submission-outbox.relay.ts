import { OutboxPublisherFor } from '@dtp/messaging';
import { Submission } from './schemas/submission.schema';

/** Publishes the submissions' outbox (reports.submission.v1) for as long as the app runs. */
export class SubmissionOutboxRelay extends OutboxPublisherFor(Submission.name) {}
