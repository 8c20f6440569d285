import fc from 'fast-check';
import { rankUnits } from './ranking';

describe('ranking units on an indicator', () => {
  it('ranks higher-is-better with ties sharing a rank and the next rank skipped', () => {
    const ranked = rankUnits(
      [
        { unitId: '180', value: 0.7 },
        { unitId: '178', value: 0.9 },
        { unitId: '181', value: 0.7 },
        { unitId: '182', value: null },
        { unitId: '183', value: 0.5 },
      ],
      'higher-is-better',
    );
    expect(ranked.map((r) => [r.unitId, r.rank])).toEqual([
      ['178', 1],
      ['180', 2],
      ['181', 2],
      ['183', 4],
      ['182', null],
    ]);
  });

  it('ranks lower-is-better (villages without signal) with the fewest first', () => {
    expect(rankUnits([{ unitId: 'a', value: 30 }, { unitId: 'b', value: 4 }], 'lower-is-better').map((r) => r.unitId)).toEqual(['b', 'a']);
  });

  it('gives every valued unit a rank no worse than its position and equal values equal ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { maxLength: 25 }), (values) => {
        const ranked = rankUnits(values.map((value, i) => ({ unitId: `u${String(i).padStart(2, '0')}`, value })), 'higher-is-better');
        expect(ranked).toHaveLength(values.length);
        ranked.forEach((r, i) => {
          if (r.value === null) return expect(r.rank).toBeNull();
          expect(r.rank).toBeLessThanOrEqual(i + 1);
          expect(r.rank).toBe(1 + ranked.filter((o) => o.value !== null && o.value > r.value!).length);
        });
      }),
    );
  });
});
