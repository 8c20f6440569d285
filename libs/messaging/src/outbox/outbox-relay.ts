import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { KafkaClient, OutgoingMessage } from '../kafka/kafka-client';
import { DocumentLocks } from './document-locks';
import { bulkWriteInChunks, mapLimited } from '../store/bulk-write';
import { OutboxEntry, OutboxFields, pendingEntries } from './outbox-entry';

/** The collection of pending markers, one per document with unpublished entries, shared by a database's relays. */
export const OUTBOX_MARKERS = 'outbox_pending';

/** A document that may hold unpublished entries; `token` changes with every writer that marks it. */
export interface OutboxMarker {
  _id: string;
  collection: string;
  docId: unknown;
  token: string;
  at: Date;
}

/** How many sent event ids a relay remembers (publishWritten). */
const SENT_REMEMBERED = 10_000;
/** Writes waiting to be published right after them; beyond this (Kafka away) the poll takes over. */
const MAX_WRITTEN_QUEUED = 5_000;

/** A marker this old whose document does not exist was left by a writer that never wrote (a crash). */
export const ABANDONED_MARKER_MS = 60_000;

/** Markers of one relay whose documents are read at once. */
const READ_CONCURRENCY = 16;

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
  /** Fields the relay's find must also read so that `lockOf` and `readyWhen` can see them. */
  lockFields?: string[];
  /** Documents whose entries may go now; the others keep their marker for a later pass. */
  readyWhen?: (doc: OutboxDocument) => boolean;
  /** Delete a document once all its entries are published (a document that exists only to carry them). */
  deleteWhenPublished?: boolean;
}

export interface OutboxRelayOptions extends OutboxLockOptions {
  /** How often to look for entries nobody nudged about (after a crash or from another replica). */
  pollIntervalMs: number;
  batchSize: number;
  /**
   * With several replicas: how old another replica's marker must be before this one's poll takes
   * it. The replica that wrote publishes its own writes right away; the others step in only when
   * it has not (a crash, Kafka away), so two replicas do not publish the same entries at once.
   * 0 (one process): every marker at once.
   */
  foreignMarkerGraceMs?: number;
}

/** Tokens this relay handed out, to tell its own markers from other replicas'. */
const TOKENS_REMEMBERED = 20_000;

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
 *
 * Pending work is found through markers (`outbox_pending`), which writers put down with `expect`
 * before the write that appends entries and the relay removes once the document has none left:
 * the poll reads a collection as large as the work pending, never the documents' collection
 * (docs/adr/0005).
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly collection: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private legacyMarked = false;
  private readonly markers: Model<OutboxMarker>['collection'];
  private readonly written: Array<{ doc: OutboxDocument; token: string; done: () => void }> = [];
  private sendingWritten?: Promise<void>;
  private readonly sent = new Set<string>();
  private sendTurn: Promise<void> = Promise.resolve();
  /** Documents with writes queued for publishWritten: the poll leaves them to it, so their events keep their order. */
  private readonly writing = new Map<string, number>();
  /** Tokens of the markers this relay's writers put down (expect), oldest first. */
  private readonly issued = new Set<string>();

  constructor(
    private readonly model: Model<OutboxFields>,
    private readonly kafka: KafkaClient,
    private readonly locks: DocumentLocks,
    private readonly options: OutboxRelayOptions = { pollIntervalMs: 1000, batchSize: 100 },
  ) {
    this.collection = model.collection.collectionName;
    this.logger = new Logger(`OutboxRelay(${this.collection})`);
    this.markers = model.db.collection<OutboxMarker>(OUTBOX_MARKERS) as never;
  }

  /**
   * Marks documents as about to receive entries: call it before the write that appends them (in
   * the same lock), so a crash between the two leaves a marker to a document with nothing to
   * publish, never entries nobody looks for.
   */
  async expect(ids: readonly unknown[]): Promise<string> {
    const token = randomUUID();
    if (ids.length === 0) return token;
    this.issued.add(token);
    if (this.issued.size > TOKENS_REMEMBERED) this.issued.delete(this.issued.values().next().value as string);
    const at = new Date();
    await bulkWriteInChunks(
      this.markers as never,
      ids.map((docId) => ({ updateOne: { filter: { _id: this.markerIdOf(docId) }, update: { $set: { collection: this.collection, docId, token, at } }, upsert: true } })) as never,
      { ordered: false },
    );
    return token;
  }

  /**
   * Publishes the entries a writer has just stored in a document, without waiting for a poll to
   * find and read it: `doc` is the document's `_id` and whole outbox as written, `token` what
   * `expect` returned before the write. Writes are queued and sent in the order they were made, a
   * batch at a time (so a document's events never overtake each other), then removed with their
   * marker as a pass of the poll would. Never throws: whatever it could not do stays marked, and
   * the poll does it. Resolves when this document's batch is done.
   */
  publishWritten(doc: OutboxDocument, token: string): Promise<void> {
    // Stopping, or Kafka away long enough for writes to pile up: the marker stays, the poll sends it.
    if (this.stopped) return Promise.resolve();
    if (this.written.length >= MAX_WRITTEN_QUEUED) {
      this.nudge();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.writing.set(String(doc._id), (this.writing.get(String(doc._id)) ?? 0) + 1);
      this.written.push({ doc, token, done: resolve });
      if (!this.sendingWritten) this.sendingWritten = this.sendWritten().finally(() => (this.sendingWritten = undefined));
    });
  }

  private async sendWritten(): Promise<void> {
    while (this.written.length > 0) {
      const items = this.written.splice(0, this.options.batchSize);
      try {
        // One view per document: the entries of all its writes in the batch, the last writer's token.
        const views = new Map<string, { doc: OutboxDocument; token: string }>();
        for (const { doc, token } of items) {
          const key = String(doc._id);
          const seen = views.get(key);
          views.set(key, { doc: { ...doc, outbox: { ...(seen?.doc.outbox ?? {}), ...(doc.outbox ?? {}) } }, token });
        }
        const docs = [...views.values()].map((v) => v.doc);
        // Entries this relay already sent (an earlier write's, still in the document) are not sent again.
        const pending = docs.flatMap((doc) => pendingEntries(doc).filter(([eventId]) => !this.sent.has(eventId)).map(([eventId, entry]) => ({ doc, eventId, entry })));
        const { published, failures } = await this.publishInTurn(pending);
        const known = new Set([...published, ...docs.flatMap((d) => Object.keys(d.outbox ?? {}).filter((id) => this.sent.has(id)))]);
        await this.removePublished(docs, known, new Map([...views.values()].map((v) => [this.markerIdOf(v.doc._id), v.token])));
        if (failures.length > 0) throw failures[0];
      } catch (error) {
        this.logger.warn(`publishing right after the write failed, the poll will: ${error instanceof Error ? error.message : String(error)}`);
        this.nudge();
      } finally {
        for (const item of items) {
          const key = String(item.doc._id);
          const left = (this.writing.get(key) ?? 1) - 1;
          if (left > 0) this.writing.set(key, left);
          else this.writing.delete(key);
          item.done();
        }
      }
    }
  }

  /**
   * Sends one publication at a time, the poll's and those right after a write alike, so that a
   * document's events reach Kafka in the order they were written; remembers what was sent.
   */
  private publishInTurn(pending: Pending[]): Promise<{ published: Set<string>; failures: unknown[] }> {
    const turn = this.sendTurn.then(async () => {
      const outcome = await this.publish(pending.filter((p) => !this.sent.has(p.eventId)));
      for (const id of outcome.published) this.remember(id);
      for (const p of pending) if (this.sent.has(p.eventId)) outcome.published.add(p.eventId);
      return outcome;
    });
    this.sendTurn = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Event ids this relay sent lately, so a write that still carries an earlier write's entry does not send it twice. */
  private remember(eventId: string): void {
    this.sent.add(eventId);
    if (this.sent.size > SENT_REMEMBERED) this.sent.delete(this.sent.values().next().value as string);
  }

  private markerIdOf(docId: unknown): string {
    return `${this.collection}/${String(docId)}`;
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
    await Promise.all([this.running, this.sendingWritten]);
  }

  /**
   * Marks the documents that hold entries written before markers existed. Reads the whole
   * collection on FerretDB (`$gt` is not pushed down): once per database, never per poll.
   */
  async markLegacyPending(): Promise<number> {
    // Once per database, not per start: a sentinel marker (read by `_id`) records that it was done.
    const sentinel = `${this.collection}/*marked*`;
    if (await this.markers.findOne({ _id: sentinel as never })) return 0;
    const docs = await this.model.find({ outboxCount: { $gt: 0 } }, { _id: 1 }).lean<Array<{ _id: unknown }>>().exec();
    await this.expect(docs.map((d) => d._id));
    // Not `collection`: the poll must not read it as work.
    await this.markers.updateOne({ _id: sentinel as never }, { $set: { collection: '*sentinel*', at: new Date() } }, { upsert: true });
    if (docs.length > 0) this.logger.log(`marked ${docs.length} documents with entries pending from before markers existed`);
    return docs.length;
  }

  /**
   * One pass over pending documents; returns how many documents it read. Publishes with one send
   * per topic (more only for very large batches), then removes what was published with one
   * update per document. Throws after removing what it could if some topic could not be sent.
   */
  async drainOnce(): Promise<number> {
    const listed = (await this.markers.find({ collection: this.collection }).limit(this.options.batchSize).toArray()) as unknown as OutboxMarker[];
    const grace = this.options.foreignMarkerGraceMs ?? 0;
    // Another replica's young marker is its writer's to publish; it is taken here only once old.
    const markers = listed.filter((m) => !this.writing.has(String(m.docId)) && (this.issued.has(m.token) || Date.now() - new Date(m.at).getTime() >= grace));
    const found = await mapLimited(markers, READ_CONCURRENCY, (m) => this.model.findById(m.docId, this.projection()).lean<OutboxDocument>().exec());
    const ready = this.options.readyWhen ?? (() => true);
    const docs = found.filter((d): d is OutboxDocument => d !== null && ready(d));
    // Entries this relay sent already (right after their write, or in a pass whose removal failed) are not sent again.
    const pending = docs.flatMap((doc) => pendingEntries(doc).filter(([eventId]) => !this.sent.has(eventId)).map(([eventId, entry]) => ({ doc, eventId, entry })));
    const { published, failures } = await this.publishInTurn(pending);
    for (const doc of docs) for (const eventId of Object.keys(doc.outbox ?? {})) if (this.sent.has(eventId)) published.add(eventId);
    const tokens = new Map(markers.map((m) => [this.markerIdOf(m.docId), m.token]));
    await this.removePublished(docs, published, tokens);
    // A marker whose document does not exist has nothing to wait for once it is old: a young one
    // may belong to a writer between its marker and its insert.
    const gone = markers.filter((m, i) => found[i] === null && Date.now() - new Date(m.at).getTime() > ABANDONED_MARKER_MS);
    await bulkWriteInChunks(this.markers as never, gone.map((m) => ({ deleteOne: { filter: { _id: m._id, token: m.token } } })), { ordered: false });
    if (failures.length > 0) throw failures[0];
    return markers.length;
  }

  private projection(): Record<string, 1> {
    return Object.fromEntries(['outbox', 'outboxCount', ...(this.options.lockFields ?? [])].map((field) => [field, 1]));
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
  private async removePublished(docs: OutboxDocument[], published: Set<string>, tokens: Map<string, string>): Promise<void> {
    await forEachLimited(this.lockGroups(docs), REMOVAL_CONCURRENCY, ({ lock, docs: inGroup }) =>
      this.locks.run(lock.collection, lock.id, () => this.removeFromGroup(inGroup, published, tokens)),
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
  private async removeFromGroup(group: OutboxDocument[], published: Set<string>, tokens: Map<string, string>): Promise<void> {
    const removals = group.map((doc) => removalOf(doc, published));
    if (this.options.deleteWhenPublished) {
      const finished = removals.filter((r) => r.allPublished);
      await bulkWriteInChunks(this.model, finished.map((r) => ({ deleteOne: { filter: { _id: r.id } } })), { ordered: false });
      await bulkWriteInChunks(this.markers as never, finished.map((r) => this.markerIdOf(r.id)).map((_id) => ({ deleteOne: { filter: { _id, token: tokens.get(_id) ?? '' } } })), { ordered: false });
      return;
    }
    const writes = removals.filter((r) => r.keys.length > 0 || r.allPublished);
    const { matchedCount } = await bulkWriteInChunks(this.model, writes.map(exactUpdate), { ordered: false });
    if (matchedCount !== writes.length) {
      for (const removal of writes) await this.removeDespiteRace(removal);
      return; // the markers stay: the next pass reads these documents again
    }
    // Everything read was published and removed, and no writer marked the document since its
    // marker was read (the token is unchanged): the marker goes.
    const done = removals.filter((r) => r.allPublished).map((r) => this.markerIdOf(r.id));
    await bulkWriteInChunks(this.markers as never, done.map((_id) => ({ deleteOne: { filter: { _id, token: tokens.get(_id) ?? '' } } })), { ordered: false });
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
