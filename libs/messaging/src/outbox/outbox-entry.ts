import { EventEnvelope } from '@dtp/contracts';

/**
 * Events waiting to be published, stored inside the document whose change they announce and
 * written in the same single-document update (docs/adr/0005-outbox-in-the-document.md).
 *
 * The outbox is a map keyed by event id plus a counter, not an array: FerretDB 1.24 silently
 * ignores `$pull` with a condition, while `$unset` of one key and `$inc` of the counter work on
 * every MongoDB-compatible server and keep removal exact when two relays race.
 *
 * `outboxPending` marks a document with unpublished entries (set with them, cleared by the relay
 * once the count it read is the count stored). The relay does not query it: it finds pending
 * documents through markers (OutboxRelay.expect, docs/adr/0005), since FerretDB scans a
 * collection for any filter other than `_id`.
 */
export interface OutboxEntry {
  topic: string;
  key: string;
  payload: string;
  seq: number;
  createdAt: Date;
}

export interface OutboxFields {
  outbox: Record<string, OutboxEntry>;
  outboxCount: number;
  /** True while entries wait; absent on documents that never had any (or written before the flag). */
  outboxPending?: boolean;
}

/** Documents with unpublished entries (for operators and tests; the relay polls markers). */
export const OUTBOX_PENDING_FILTER = { outboxPending: true } as const;

export interface OutboxAppend {
  /** Merge into an update's `$set`. */
  $set: Record<string, OutboxEntry | true>;
  /** Merge into an update's `$inc`. */
  $inc: { outboxCount: number };
  /** The same events as fields of a document being inserted. */
  fields: OutboxFields & { outboxPending: true };
}

/**
 * Appends events to a document's outbox; merge the parts into the same write that changes the
 * document's state.
 */
export function outboxAppend(topic: string, events: EventEnvelope<string, unknown>[], now = new Date()): OutboxAppend {
  const outbox: Record<string, OutboxEntry> = {};
  events.forEach((event, i) => {
    outbox[event.id] = { topic, key: event.key, payload: JSON.stringify(event), seq: now.getTime() * 1000 + i, createdAt: now };
  });
  return {
    $set: { ...Object.fromEntries(Object.entries(outbox).map(([id, entry]) => [`outbox.${id}`, entry])), outboxPending: true },
    $inc: { outboxCount: events.length },
    fields: { outbox, outboxCount: events.length, outboxPending: true },
  };
}

/** The pending entries of a document, oldest first, so a unit's events leave in the order written. */
export function pendingEntries(doc: Partial<OutboxFields>): Array<[string, OutboxEntry]> {
  return Object.entries(doc.outbox ?? {}).sort(([, a], [, b]) => a.seq - b.seq);
}
