import { OutboxPublisherFor } from '@dtp/messaging';
import { FoldNotices, UNSEALED_NOTICES_AFTER_MS } from './schemas/fold-notices.schema';

/**
 * Publishes the fold's notices (indicators.scorecard.v1), a batch's at a time: once the batch is
 * sealed, or after UNSEALED_NOTICES_AFTER_MS if its fold never finished; then deletes them.
 */
export class FoldNoticesRelay extends OutboxPublisherFor(FoldNotices.name, {
  lockOf: (doc) => ({ collection: 'fold', id: String(doc['provinceCode']) }),
  lockFields: ['provinceCode', 'sealed', 'createdAt'],
  readyWhen: (doc) => doc['sealed'] === true || Date.now() - new Date(String(doc['createdAt'])).getTime() > UNSEALED_NOTICES_AFTER_MS,
  deleteWhenPublished: true,
}) {}
