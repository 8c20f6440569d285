import { OutboxPublisherFor } from '@dtp/messaging';
import { Aggregate } from './schemas/aggregate.schema';

/** Publishes the aggregates' outbox (indicators.scorecard.v1) for as long as the app runs. */
export class AggregateOutboxRelay extends OutboxPublisherFor(Aggregate.name) {}
