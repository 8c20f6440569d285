import { Schema } from 'mongoose';

/**
 * Adds the outbox fields (docs/adr/0005) to a collection's schema: the pending events keyed by
 * id, their count, and the indexed flag the relay looks for (a boolean so FerretDB can push the
 * relay's query down to PostgreSQL; see outbox-entry.ts).
 */
export function addOutboxFields(schema: Schema): Schema {
  schema.add({
    outbox: { type: Schema.Types.Mixed, default: {} },
    // Still indexed for the one-off marking of documents written before the flag.
    outboxCount: { type: Number, default: 0, index: true },
    // No default: absent means nothing pending, and an upsert's $set of the flag never meets a
    // default in $setOnInsert.
    outboxPending: { type: Boolean, index: true },
  });
  return schema;
}
