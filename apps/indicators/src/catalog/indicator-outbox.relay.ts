import { OutboxPublisherFor } from '@dtp/messaging';
import { IndicatorDefinitionRecord } from './schemas/indicator-definition.schema';

/** Publishes the indicator definitions' outbox (indicators.catalog.v1) for as long as the app runs. */
export class IndicatorOutboxRelay extends OutboxPublisherFor(IndicatorDefinitionRecord.name) {}
