import { OutboxPublisherFor } from '@dtp/messaging';
import { AppliedSubmission } from './schemas/applied-submission.schema';

/** Publishes what older versions left in the applied submissions' outbox (`unit-late` notices now go with the fold's batch notices). */
export class AppliedOutboxRelay extends OutboxPublisherFor(AppliedSubmission.name, {
  lockOf: (doc) => ({ collection: 'fold', id: String(doc['provinceCode']) }),
  lockFields: ['provinceCode'],
}) {}
