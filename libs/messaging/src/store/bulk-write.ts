/**
 * Operations per bulk command on the document store. FerretDB 1.24 holds one PostgreSQL connection
 * for every update of a bulk command until the whole command ends (docs/adr/0002, finding 6): a
 * bulk of a few hundred updates exhausts its pool and deadlocks it, and every connection it adds
 * costs a PostgreSQL backend. Chunks of this size keep each command to a handful of connections;
 * on MongoDB they cost one round trip per chunk.
 */
export const BULK_CHUNK = 25;

/**
 * Chunks at once: enough to overlap round trips (FerretDB runs the operations of one command one
 * after another), few enough to stay far from the store's pool.
 */
const CHUNKS_AT_ONCE = 4;

export interface BulkCounts {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  deletedCount: number;
  upsertedCount: number;
}

/** A mongoose model or a driver collection: each types its operations its own way. */
interface BulkWriter {
  bulkWrite(ops: never, options: { ordered: boolean }): Promise<unknown>;
}

/**
 * `bulkWrite` in chunks of at most BULK_CHUNK, the counts added up. Ordered writes run chunk after
 * chunk (and stop at the first failure); unordered ones are spread over up to CHUNKS_AT_ONCE
 * commands run at once, so that even a few writes overlap.
 */
export async function bulkWriteInChunks(collection: BulkWriter, ops: readonly unknown[], options: { ordered: boolean }): Promise<BulkCounts> {
  const size = options.ordered ? BULK_CHUNK : Math.min(BULK_CHUNK, Math.max(1, Math.ceil(ops.length / CHUNKS_AT_ONCE)));
  const chunks: unknown[][] = [];
  for (let i = 0; i < ops.length; i += size) chunks.push(ops.slice(i, i + size));
  const total: BulkCounts = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
  const add = (result: unknown) => {
    const r = result as Partial<BulkCounts>;
    for (const key of Object.keys(total) as Array<keyof BulkCounts>) total[key] += r[key] ?? 0;
  };
  if (options.ordered) {
    for (const chunk of chunks) add(await collection.bulkWrite(chunk as never, options));
    return total;
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < chunks.length; i = next++) add(await collection.bulkWrite(chunks[i] as never, options));
  };
  await Promise.all(Array.from({ length: Math.min(CHUNKS_AT_ONCE, chunks.length) }, worker));
  return total;
}

const DUPLICATE_KEY = 11000;

/**
 * Conditional upserts (a filter on `_id` and on what is stored, e.g. an older revision), at most
 * BULK_CHUNK per command and unordered: no read first. Where a document exists that the condition
 * excludes, the upsert's insert collides on `_id`: that operation is stale, and its index is
 * returned. A collision can also mean that someone inserted the document meanwhile (a concurrent
 * writer of other fields): each colliding operation is therefore tried once more as a plain
 * conditional update, and only one that then matches nothing is stale. Any other failure is thrown.
 */
export async function conditionalUpserts(collection: BulkWriter, ops: readonly unknown[]): Promise<Set<number>> {
  const collided: number[] = [];
  for (let start = 0; start < ops.length; start += BULK_CHUNK) {
    try {
      await collection.bulkWrite(ops.slice(start, start + BULK_CHUNK) as never, { ordered: false });
    } catch (error) {
      const failed = (error as { writeErrors?: Array<{ index: number; code?: number }> }).writeErrors;
      // No write errors: a write-concern failure or a lost connection, never "stale".
      if (!failed?.length || failed.some((w) => w.code !== DUPLICATE_KEY)) throw error;
      for (const w of failed) collided.push(start + w.index);
    }
  }
  const stale = new Set<number>();
  for (const i of collided) {
    const { matchedCount } = (await collection.bulkWrite([withoutUpsert(ops[i])] as never, { ordered: false })) as { matchedCount: number };
    if (matchedCount === 0) stale.add(i);
  }
  return stale;
}

/** The same `updateOne` or `replaceOne`, matching only a document that is there. */
function withoutUpsert(op: unknown): unknown {
  const [[kind, body]] = Object.entries(op as Record<string, Record<string, unknown>>) as [[string, Record<string, unknown>]];
  return { [kind]: { ...body, upsert: false } };
}

/**
 * Runs `task` over `items` with at most `limit` at once; results in the items' order. For reads by
 * `_id`, one each, where `_id: {$in: …}` would make FerretDB read the whole collection.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
