import { FoldGenerations } from './fold-generations.service';

/** A model whose reads by `_id` answer from a queue of outcomes. */
function modelAnswering(outcomes: Array<Error | string>) {
  let reads = 0;
  return {
    reads: () => reads,
    findById: () => ({
      lean: () => ({
        exec: async () => {
          reads += 1;
          const next = outcomes.shift();
          if (next instanceof Error) throw next;
          return next === undefined ? null : { generation: next };
        },
      }),
    }),
  };
}

describe('FoldGenerations', () => {
  it('reads again after a failed read instead of answering the failure until the next fold', async () => {
    const model = modelAnswering([new Error('store away'), 'g2']);
    const generations = new FoldGenerations(model as never);
    await expect(generations.current('20')).rejects.toThrow('store away');
    await expect(generations.current('20')).resolves.toBe('g2');
    expect(model.reads()).toBe(2);
    expect(generations.peek('20')).toBe('g2');
  });

  it('shares one read among concurrent callers and knows nothing fresh before it', async () => {
    const model = modelAnswering(['g1']);
    const generations = new FoldGenerations(model as never);
    expect(generations.peek('20')).toBeUndefined();
    const [a, b] = await Promise.all([generations.current('20'), generations.current('20')]);
    expect([a, b]).toEqual(['g1', 'g1']);
    expect(model.reads()).toBe(1);
  });
});
