import { OutboxPublisherFor } from '@dtp/messaging';
import { Programme } from './schemas/programme.schema';

/** Publishes the programmes' outbox (indicators.catalog.v1) for as long as the app runs. */
export class ProgrammeOutboxRelay extends OutboxPublisherFor(Programme.name) {}
