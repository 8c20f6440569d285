import { BULK_CHUNK, bulkWriteInChunks, mapLimited } from './bulk-write';

/** A collection that records the commands it gets and answers like the driver. */
function recordingCollection(failOnCall?: number) {
  const commands: unknown[][] = [];
  return {
    commands,
    bulkWrite: async (ops: unknown[]) => {
      commands.push(ops);
      if (commands.length === failOnCall) throw new Error('store refused');
      return { matchedCount: ops.length, modifiedCount: ops.length, insertedCount: 0, deletedCount: 0, upsertedCount: 0 };
    },
  };
}

describe('bulkWriteInChunks', () => {
  it('never sends the store a command of more than BULK_CHUNK operations, and adds up the counts', async () => {
    const collection = recordingCollection();
    const ops = Array.from({ length: BULK_CHUNK * 3 + 7 }, (_, i) => ({ updateOne: { filter: { _id: i } } }));
    const counts = await bulkWriteInChunks(collection as never, ops, { ordered: false });
    expect(Math.max(...collection.commands.map((c) => c.length))).toBeLessThanOrEqual(BULK_CHUNK);
    expect(collection.commands.flat()).toHaveLength(ops.length);
    expect(collection.commands.flat()).toEqual(expect.arrayContaining(ops));
    expect(counts.matchedCount).toBe(ops.length);
  });

  it('spreads a few unordered writes over commands sent at once, so they overlap', async () => {
    let inFlight = 0;
    let most = 0;
    const commands: unknown[][] = [];
    const collection = {
      bulkWrite: async (ops: unknown[]) => {
        commands.push(ops);
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return { matchedCount: ops.length };
      },
    };
    const counts = await bulkWriteInChunks(collection as never, Array.from({ length: 10 }, (_, i) => i), { ordered: false });
    expect(commands.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(most).toBe(4);
    expect(counts.matchedCount).toBe(10);
  });

  it('sends nothing for no operations', async () => {
    const collection = recordingCollection();
    expect((await bulkWriteInChunks(collection as never, [], { ordered: true })).matchedCount).toBe(0);
    expect(collection.commands).toEqual([]);
  });

  it('keeps ordered writes in order and stops at the first chunk that fails', async () => {
    const collection = recordingCollection(2);
    const ops = Array.from({ length: BULK_CHUNK * 3 }, (_, i) => i);
    await expect(bulkWriteInChunks(collection as never, ops, { ordered: true })).rejects.toThrow('store refused');
    expect(collection.commands).toEqual([ops.slice(0, BULK_CHUNK), ops.slice(BULK_CHUNK, 2 * BULK_CHUNK)]);
  });
});

describe('mapLimited', () => {
  it('runs at most `limit` tasks at once and returns the results in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });
});
