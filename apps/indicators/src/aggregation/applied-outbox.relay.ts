import { OutboxPublisherFor } from '@dtp/messaging';
import { AppliedSubmission } from './schemas/applied-submission.schema';

/** Publishes the applied submissions' outbox (`unit-late` notices) for as long as the app runs. */
export class AppliedOutboxRelay extends OutboxPublisherFor(AppliedSubmission.name) {}
