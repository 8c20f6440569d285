import { Schema } from 'mongoose';

/**
 * Adds the outbox fields (docs/adr/0005) to a collection's schema: the pending events keyed by
 * id, their count, and the flag that marks unpublished entries (see outbox-entry.ts; the relay
 * finds pending documents through markers).
 */
export function addOutboxFields(schema: Schema): Schema {
  schema.add({
    outbox: { type: Schema.Types.Mixed, default: {} },
    // Indexed for the one-off marking of documents written before markers (MongoDB).
    outboxCount: { type: Number, default: 0, index: true },
    // No default: absent means nothing pending, and an upsert's $set of the flag never meets a
    // default in $setOnInsert.
    outboxPending: { type: Boolean },
  });
  return schema;
}
