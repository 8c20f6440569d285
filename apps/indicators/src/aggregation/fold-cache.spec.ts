import { FoldCache } from './fold-cache';

const state = (packed: string, version = 1) => ({ packed, version });
const applied = (revision: number) => ({ revision, late: false, packedValues: '[]' });

describe('FoldCache', () => {
  it('serves what the last complete batch wrote while the stored generation is the one it wrote', () => {
    const cache = new FoldCache();
    cache.rememberWritten('20', 'g1', [['u:2024M01', state('{"A":1}', 3)]], [['s1', applied(2)]]);
    cache.validate('20', 'g1');
    expect(cache.state('20', 'u:2024M01')).toEqual(state('{"A":1}', 3));
    expect(cache.applied('20', 's1')).toEqual(applied(2));
  });

  it('drops a province once someone else moved its generation (a rebuild, another replica), and keeps other provinces', () => {
    const cache = new FoldCache();
    cache.rememberWritten('20', 'g1', [['u:2024M01', state('{}')]], [['s1', applied(1)]]);
    cache.rememberWritten('42', 'h1', [['v:2024M01', state('{}')]], []);
    cache.validate('20', 'someone-else');
    expect(cache.state('20', 'u:2024M01')).toBeUndefined();
    expect(cache.applied('20', 's1')).toBeUndefined();
    cache.validate('42', 'h1');
    expect(cache.state('42', 'v:2024M01')).toEqual(state('{}'));
  });

  it('trusts nothing before its first complete batch, nor after a failed one', () => {
    const cache = new FoldCache();
    cache.rememberRead('20', [['u:2024M01', state('{}')]], []);
    cache.validate('20', undefined);
    expect(cache.state('20', 'u:2024M01')).toBeUndefined();

    cache.rememberWritten('20', 'g1', [['u:2024M01', state('{}', 2)]], []);
    cache.rememberRead('20', [['w:2024M01', state('{}')]], []);
    cache.forget('20');
    cache.validate('20', 'g1');
    expect(cache.state('20', 'u:2024M01')).toBeUndefined();
    expect(cache.state('20', 'w:2024M01')).toBeUndefined();
  });

  it('a state read in a batch is kept once that batch completes', () => {
    const cache = new FoldCache();
    cache.rememberRead('20', [['u:2024M01', state('{"x":1}')]], [['s1', applied(1)]]);
    cache.rememberWritten('20', 'g1', [], []);
    cache.validate('20', 'g1');
    expect(cache.state('20', 'u:2024M01')).toEqual(state('{"x":1}'));
    expect(cache.applied('20', 's1')).toEqual(applied(1));
  });

  it('holds at most its capacity, letting the least recently used go first', () => {
    const cache = new FoldCache(30);
    cache.rememberWritten('20', 'g', [['a', state('x'.repeat(10))], ['b', state('y'.repeat(10))]], []);
    expect(cache.state('20', 'a')).toBeDefined(); // a is now the most recently used
    cache.rememberWritten('20', 'g', [['c', state('z'.repeat(15))]], []);
    expect(cache.size()).toBeLessThanOrEqual(30);
    expect(cache.state('20', 'b')).toBeUndefined();
    expect(cache.state('20', 'a')).toBeDefined();
    expect(cache.state('20', 'c')).toBeDefined();
    // Larger than the whole cache: not kept, nothing else evicted for it.
    cache.rememberWritten('20', 'g', [['d', state('w'.repeat(31))]], []);
    expect(cache.state('20', 'd')).toBeUndefined();
    expect(cache.state('20', 'a')).toBeDefined();
  });
});
