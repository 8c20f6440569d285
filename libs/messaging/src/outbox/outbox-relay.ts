import { Logger } from '@nestjs/common';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { KafkaClient, OutgoingMessage } from '../kafka/kafka-client';
import { DocumentLocks } from './document-locks';
import { OUTBOX_PENDING_FILTER, OutboxEntry, OutboxFields, pendingEntries } from './outbox-entry';

/** A document as the relay reads it: its outbox, its count and whatever `lockFields` asks for. */
export type OutboxDocument = Partial<OutboxFields> & { _id: unknown; [field: string]: unknown };

/** The DocumentLocks key a write to the document is made under. */
export interface OutboxLock {
  collection: string;
  id: string;
}

export interface OutboxLockOptions {
  /**
   * The lock writers of the document hold, when it is not the document's own (collection, _id):
   * e.g. a fold writing many documents of a province under one lock. The relay's removal of
   * published entries must take that same lock, or FerretDB loses one of the two writes.
   */
  lockOf?: (doc: OutboxDocument) => OutboxLock;
  /** Fields the relay's find must also read so that `lockOf` can see them. */
  lockFields?: string[];
}

export interface OutboxRelayOptions extends OutboxLockOptions {
  /** How often to look for entries nobody nudged about (after a crash or from another replica). */
  pollIntervalMs: number;
  batchSize: number;
}

/** Stays well under Kafka's default 1 MiB per partition batch, however many entries piled up. */
const MAX_SEND_BYTES = 512 * 1024;
/** Lock groups whose removals run at once: enough to hide round trips, few enough to be polite. */
const REMOVAL_CONCURRENCY = 8;

interface Pending {
  doc: OutboxDocument;
  eventId: string;
  entry: OutboxEntry;
}

/**
 * Publishes outbox entries to Kafka and then removes them: at least once, since a crash between
 * the two publishes again and consumers are idempotent. Nudged right after a write so events
 * leave at once; the poll catches whatever a previous process left behind.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly collection: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private legacyMarked = false;

  constructor(
    private readonly model: Model<OutboxFields>,
    private readonly kafka: KafkaClient,
    private readonly locks: DocumentLocks,
    private readonly options: OutboxRelayOptions = { pollIntervalMs: 1000, batchSize: 100 },
  ) {
    this.collection = model.collection.collectionName;
    this.logger = new Logger(`OutboxRelay(${this.collection})`);
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.nudge(), this.options.pollIntervalMs);
    this.nudge();
  }

  /** Drains now; if a drain is already running, runs once more after it. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainLoop().finally(() => {
      this.running = undefined;
    });
  }

  /** Stops polling and waits for the drain in flight, so shutdown loses nothing it started. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /**
   * Flags documents written before `outboxPending` existed, so their entries are not stranded.
   * Reads the whole collection on FerretDB (neither `$gt` nor `$ne` is pushed down): once per
   * start, never per poll.
   */
  async markLegacyPending(): Promise<number> {
    const { modifiedCount } = await this.model.updateMany(
      { outboxCount: { $gt: 0 }, outboxPending: { $ne: true } },
      { $set: { outboxPending: true } },
    );
    if (modifiedCount > 0) this.logger.log(`flagged ${modifiedCount} documents written before outboxPending`);
    return modifiedCount;
  }

  /**
   * One pass over pending documents; returns how many documents it read. Publishes with one send
   * per topic (more only for very large batches), then removes what was published with one
   * update per document. Throws after removing what it could if some topic could not be sent.
   */
  async drainOnce(): Promise<number> {
    const docs = await this.findPending();
    const pending = docs.flatMap((doc) => pendingEntries(doc).map(([eventId, entry]) => ({ doc, eventId, entry })));
    const { published, failures } = await this.publish(pending);
    await this.removePublished(docs, published);
    if (failures.length > 0) throw failures[0];
    return docs.length;
  }

  private findPending(): Promise<OutboxDocument[]> {
    const projection = Object.fromEntries(['outbox', 'outboxCount', ...(this.options.lockFields ?? [])].map((field) => [field, 1]));
    return this.model.find(OUTBOX_PENDING_FILTER, projection).limit(this.options.batchSize).lean<OutboxDocument[]>().exec();
  }

  /** Sends each topic's entries; returns the event ids that reached Kafka and the errors of the rest. */
  private async publish(pending: Pending[]): Promise<{ published: Set<string>; failures: unknown[] }> {
    const published = new Set<string>();
    const outcomes = await Promise.allSettled(
      [...byTopic(pending)].map(async ([topic, entries]) => {
        // Chunks go one after another and a failed chunk stops its topic, so what is left
        // unpublished is always the tail: no key's later event overtakes an earlier one.
        for (const chunk of chunksOf(entries)) {
          await this.kafka.send(topic, chunk.map(messageOf));
          chunk.forEach((p) => published.add(p.eventId));
        }
      }),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    return { published, failures };
  }

  /** Removes published entries: each lock group under its lock, a few groups at once. */
  private async removePublished(docs: OutboxDocument[], published: Set<string>): Promise<void> {
    await forEachLimited(this.lockGroups(docs), REMOVAL_CONCURRENCY, ({ lock, docs: inGroup }) =>
      this.locks.run(lock.collection, lock.id, () => this.removeFromGroup(inGroup, published)),
    );
  }

  /** Documents sharing a lock, so the relay takes each lock once per pass. */
  private lockGroups(docs: OutboxDocument[]): Array<{ lock: OutboxLock; docs: OutboxDocument[] }> {
    const groups = new Map<string, { lock: OutboxLock; docs: OutboxDocument[] }>();
    for (const doc of docs) {
      const lock = this.lockOf(doc);
      const key = `${lock.collection}/${lock.id}`;
      const group = groups.get(key);
      if (group) group.docs.push(doc);
      else groups.set(key, { lock, docs: [doc] });
    }
    return [...groups.values()];
  }

  private lockOf(doc: OutboxDocument): OutboxLock {
    return this.options.lockOf?.(doc) ?? { collection: this.collection, id: String(doc._id) };
  }

  /**
   * Under the group's lock: one bulkWrite of the exact updates, which match in the usual case;
   * if any did not, each document's fallbacks. Every update requires its keys to still exist, so
   * re-running one that already applied matches nothing.
   */
  private async removeFromGroup(group: OutboxDocument[], published: Set<string>): Promise<void> {
    const removals = group.map((doc) => removalOf(doc, published)).filter((r) => r.keys.length > 0 || r.allPublished);
    if (removals.length === 0) return;
    const { matchedCount } = await this.model.bulkWrite(removals.map(exactUpdate), { ordered: false });
    if (matchedCount === removals.length) return;
    for (const removal of removals) await this.removeDespiteRace(removal);
  }

  /**
   * The exact update missed: a writer appended since the read (the flag must stay), or another
   * relay removed some of the same keys (each key must then be removed and counted alone).
   */
  private async removeDespiteRace(removal: Removal): Promise<void> {
    if (removal.keys.length === 0) return;
    const { matchedCount } = await this.model.updateOne(
      { _id: removal.id, ...existing(removal.keys) },
      { $unset: unsetOf(removal.keys), $inc: { outboxCount: -removal.keys.length } },
    );
    if (matchedCount === 1) return;
    for (const key of removal.keys) {
      await this.model.updateOne({ _id: removal.id, [key]: { $exists: true } }, { $unset: { [key]: '' }, $inc: { outboxCount: -1 } });
    }
  }

  private async drainLoop(): Promise<void> {
    do {
      this.again = false;
      try {
        if (!this.legacyMarked) {
          await this.markLegacyPending();
          this.legacyMarked = true;
        }
        while ((await this.drainOnce()) >= this.options.batchSize && !this.stopped) {
          // a full batch: there may be more
        }
      } catch (error) {
        this.logger.warn(`outbox drain failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
      }
    } while (this.again && !this.stopped);
  }
}

/** What to remove from one document: its published keys, and whether that empties what was read. */
interface Removal {
  id: unknown;
  keys: string[];
  readCount: number | null;
  allPublished: boolean;
}

function removalOf(doc: OutboxDocument, published: Set<string>): Removal {
  const ids = Object.keys(doc.outbox ?? {});
  const keys = ids.filter((id) => published.has(id)).map((id) => `outbox.${id}`);
  // null matches a missing count too, so a malformed document can still be cleared.
  return { id: doc._id, keys, readCount: doc.outboxCount ?? null, allPublished: keys.length === ids.length };
}

/**
 * The update that matches when nothing raced: the count is still the one read, so nobody appended,
 * and the flag can be cleared when everything read was published.
 */
function exactUpdate(removal: Removal): AnyBulkWriteOperation<OutboxFields> {
  return {
    updateOne: {
      filter: { _id: removal.id, outboxCount: removal.readCount, ...existing(removal.keys) } as never,
      update: {
        ...(removal.keys.length > 0 ? { $unset: unsetOf(removal.keys), $inc: { outboxCount: -removal.keys.length } } : {}),
        ...(removal.allPublished ? { $set: { outboxPending: false } } : {}),
      } as never,
    },
  };
}

function existing(keys: string[]): Record<string, { $exists: true }> {
  return Object.fromEntries(keys.map((key) => [key, { $exists: true as const }]));
}

function unsetOf(keys: string[]): Record<string, ''> {
  return Object.fromEntries(keys.map((key) => [key, '' as const]));
}

/**
 * Entries per topic, oldest first: each document's entries keep their order (the sort is stable
 * and they are already in seq order), and one key's entries spread over documents leave in the
 * order they were written.
 */
function byTopic(pending: Pending[]): Map<string, Pending[]> {
  const topics = new Map<string, Pending[]>();
  for (const p of pending) {
    const entries = topics.get(p.entry.topic);
    if (entries) entries.push(p);
    else topics.set(p.entry.topic, [p]);
  }
  for (const entries of topics.values()) entries.sort((a, b) => a.entry.seq - b.entry.seq);
  return topics;
}

function messageOf({ eventId, entry }: Pending): OutgoingMessage {
  return { key: entry.key, value: entry.payload, headers: { 'event-id': eventId } };
}

/** Consecutive runs of entries whose payloads fit one send; an oversized entry goes alone. */
function chunksOf(entries: Pending[]): Pending[][] {
  const chunks: Pending[][] = [];
  let current: Pending[] = [];
  let bytes = 0;
  for (const p of entries) {
    const size = Buffer.byteLength(p.entry.payload) + p.entry.key.length;
    if (current.length > 0 && bytes + size > MAX_SEND_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(p);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Runs `task` over `items`, at most `limit` at a time; rejects with the first failure after all settle. */
async function forEachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = items[Symbol.iterator](); // shared: each worker takes the next item left
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (const item of queue) await task(item).catch((error: unknown) => failures.push(error));
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
