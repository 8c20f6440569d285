import { Schema } from 'mongoose';

/**
 * Adds the outbox fields (docs/adr/0005) to a collection's schema: the pending events keyed by
 * id, and the indexed count the relay looks for.
 */
export function addOutboxFields(schema: Schema): Schema {
  schema.add({
    outbox: { type: Schema.Types.Mixed, default: {} },
    outboxCount: { type: Number, default: 0, index: true },
  });
  return schema;
}
