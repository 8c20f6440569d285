import { OutboxPublisherFor } from '@dtp/messaging';
import { UnitAggregate } from './schemas/aggregate.schema';

/**
 * Publishes the aggregates' outbox (indicators.scorecard.v1) for as long as the app runs, under
 * the province's fold lock: the fold writes a province's documents under that one lock.
 */
export class AggregateOutboxRelay extends OutboxPublisherFor(UnitAggregate.name, {
  lockOf: (doc) => ({ collection: 'fold', id: String(doc['provinceCode']) }),
  lockFields: ['provinceCode'],
}) {}
