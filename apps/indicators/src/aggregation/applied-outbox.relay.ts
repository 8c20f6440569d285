import { OutboxPublisherFor } from '@dtp/messaging';
import { AppliedSubmission } from './schemas/applied-submission.schema';

/** Publishes the applied submissions' outbox (`unit-late` notices), under the province's fold lock like the fold's writes. */
export class AppliedOutboxRelay extends OutboxPublisherFor(AppliedSubmission.name, {
  lockOf: (doc) => ({ collection: 'fold', id: String(doc['provinceCode']) }),
  lockFields: ['provinceCode'],
}) {}
