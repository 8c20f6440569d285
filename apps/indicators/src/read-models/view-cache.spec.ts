import { CATALOG_GENERATION, FoldGenerations } from './fold-generations.service';
import { ViewCache } from './view-cache';

/** Generations as a store would hold them, changed by the test as a writer would. */
class StoredGenerations {
  readonly values = new Map<string, string>([[CATALOG_GENERATION, 'c1']]);
  current = async (province: string) => this.values.get(province) ?? 'none';
  stored = async (province: string) => this.values.get(province);
  refresh = this.stored;
  peek = (province: string) => this.values.get(province);
}

describe('ViewCache: readers see a province before a change or after it, never a mix', () => {
  const setup = () => {
    const generations = new StoredGenerations();
    return { generations, cache: new ViewCache(generations as unknown as FoldGenerations) };
  };

  it('computes a view once per generation and serves it from memory', async () => {
    const { generations, cache } = setup();
    generations.values.set('20', 'g1');
    let computed = 0;
    const compute = async () => ({ n: ++computed });
    expect(JSON.parse((await cache.get('20', 'k', compute)).json)).toEqual({ n: 1 });
    expect(JSON.parse((await cache.get('20', 'k', compute)).json)).toEqual({ n: 1 });
    generations.values.set('20', 'g2');
    expect(JSON.parse((await cache.get('20', 'k', compute)).json)).toEqual({ n: 2 });
  });

  it('waits while the province is being written, then computes from what was written', async () => {
    const { generations, cache } = setup();
    generations.values.set('20', 'writing:batch-1');
    let state = 'half-written';
    const reading = cache.get('20', 'k', async () => ({ state }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = 'written';
    generations.values.set('20', 'g2');
    expect(JSON.parse((await reading).json)).toEqual({ state: 'written' });
  });

  it('does not keep a view whose generation moved while it was computed, and computes it again', async () => {
    const { generations, cache } = setup();
    generations.values.set('20', 'g1');
    let calls = 0;
    const view = await cache.get('20', 'k', async () => {
      calls += 1;
      // A writer starts and finishes while the first computation reads.
      if (calls === 1) generations.values.set('20', 'g2');
      return { calls };
    });
    expect(JSON.parse(view.json)).toEqual({ calls: 2 });
    expect(cache.peek('20', 'k')).toEqual(view);
  });
});
