import { OutboxPublisherFor } from '@dtp/messaging';
import { UnitImport } from './schemas/unit-import.schema';

/** Publishes the unit imports' outbox (indicators.catalog.v1) for as long as the app runs. */
export class UnitImportOutboxRelay extends OutboxPublisherFor(UnitImport.name) {}
