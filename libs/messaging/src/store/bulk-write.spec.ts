import { BULK_CHUNK, bulkWriteInChunks, conditionalUpserts, mapLimited } from './bulk-write';

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

describe('conditionalUpserts', () => {
  /** A store where some ids exist: an upsert whose condition fails on them collides; `newer` ids hold a newer state. */
  const store = (existing: Record<string, 'older' | 'newer'>, options: { writeConcernFails?: boolean } = {}) => {
    const calls: unknown[][] = [];
    return {
      calls,
      async bulkWrite(ops: Array<{ updateOne: { filter: { _id: string }; upsert: boolean } }>) {
        calls.push(ops);
        if (options.writeConcernFails) throw Object.assign(new Error('waiting for replication timed out'), { writeErrors: [] });
        let matchedCount = 0;
        const writeErrors: Array<{ index: number; code: number }> = [];
        ops.forEach((op, index) => {
          const state = existing[op.updateOne.filter._id];
          if (state === 'older') matchedCount += 1;
          else if (state === 'newer' && op.updateOne.upsert) writeErrors.push({ index, code: 11000 });
          else if (state === undefined && op.updateOne.upsert) existing[op.updateOne.filter._id] = 'older';
        });
        if (writeErrors.length > 0) throw Object.assign(new Error('E11000'), { writeErrors });
        return { matchedCount };
      },
    };
  };
  const op = (_id: string) => ({ updateOne: { filter: { _id }, update: {}, upsert: true } });

  it('calls stale only what a newer stored state excludes', async () => {
    const s = store({ a: 'older', b: 'newer' });
    expect([...(await conditionalUpserts(s, [op('a'), op('b'), op('c')]))]).toEqual([1]);
  });

  it('applies a write whose insert collided with someone else\'s insert of an older state (tried again as an update)', async () => {
    const existing: Record<string, 'older' | 'newer'> = {};
    const s = store(existing);
    // Another writer inserts `a` (without the revision) between our condition and our insert.
    const racing = { ...s, bulkWrite: async (ops: Parameters<typeof s.bulkWrite>[0]) => {
      if (s.calls.length === 0) {
        s.calls.push(ops);
        existing['a'] = 'older';
        throw Object.assign(new Error('E11000'), { writeErrors: [{ index: 0, code: 11000 }] });
      }
      return s.bulkWrite(ops);
    } };
    expect((await conditionalUpserts(racing, [op('a')])).size).toBe(0);
  });

  it('throws a failure that is not a collision, even one without write errors', async () => {
    await expect(conditionalUpserts(store({}, { writeConcernFails: true }), [op('a')])).rejects.toThrow(/replication/);
  });
});
