import fc from 'fast-check';
import { AggregateTotals, totalsFromContributions } from '../aggregation/contribution';
import { derivedFromPredecessors, isDerivableKind, PredecessorPart } from './derived-value';

const sumOf = (value: number): AggregateTotals => totalsFromContributions([{ value }]);
const ratioOf = (numerator: number, denominator: number): AggregateTotals => totalsFromContributions([{ numerator, denominator }]);

/** Reported figures as the fold keeps them: whole counts, ratio parts with numerator ≤ denominator. */
const sumTotals = fc.integer({ min: 0, max: 1_000_000 }).map(sumOf);
const ratioTotals = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }))
  .map(([a, b]) => ratioOf(Math.min(a, b), Math.max(a, b)));
/** Shares of a split: positive weights normalised to add up to 1. */
const splitShares = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }).map((w) => {
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
});

describe('a unit’s value before it existed, from its predecessors', () => {
  it('gives a commune merged from two whole communes the sum of their counts', () => {
    const result = derivedFromPredecessors('count', [
      { unitId: 'A', share: 1, totals: sumOf(120) },
      { unitId: 'B', share: 1, totals: sumOf(45) },
    ]);
    expect(result).toMatchObject({ derived: true, value: 165, totals: { sum: 165, reporting: 2 } });
  });

  it('combines a ratio from its scaled parts, never by averaging percentages', () => {
    // 90 % of 1,000 and 10 % of 100, with a quarter of a split commune (50 % of 400): 1,000 / 1,200.
    const result = derivedFromPredecessors('ratio', [
      { unitId: 'A', share: 1, totals: ratioOf(900, 1000) },
      { unitId: 'B', share: 1, totals: ratioOf(10, 100) },
      { unitId: 'C', share: 0.25, totals: ratioOf(200, 400) },
    ]);
    expect(result).toMatchObject({ derived: true, totals: { numerator: 960, denominator: 1200 } });
    expect(result.value).toBeCloseTo(0.8, 12);
    expect(result.value).not.toBeCloseTo((0.9 + 0.1 + 0.5) / 3, 2);
  });

  it('scales a split commune’s count by the share the successor took', () => {
    expect(derivedFromPredecessors('sum', [{ unitId: 'C', share: 0.25, totals: sumOf(40) }])).toMatchObject({ derived: true, value: 10 });
  });

  it('does not derive milestones, ranks, the province’s own percentages or index scores', () => {
    for (const kind of ['milestone', 'rank', 'province-percentage', 'index'] as const) {
      expect(isDerivableKind(kind)).toBe(false);
      expect(derivedFromPredecessors(kind, [{ unitId: 'A', share: 1, totals: sumOf(1) }])).toEqual({ derived: false, value: null, reason: 'kind-not-derivable', missing: [] });
    }
    for (const kind of ['count', 'sum', 'ratio'] as const) expect(isDerivableKind(kind)).toBe(true);
  });

  it('does not derive a value when a predecessor has not reported, and names it', () => {
    const result = derivedFromPredecessors('count', [
      { unitId: 'A', share: 1, totals: sumOf(120) },
      { unitId: 'B', share: 1 },
      { unitId: 'C', share: 0.5, totals: totalsFromContributions([]) },
    ]);
    expect(result).toEqual({ derived: false, value: null, reason: 'predecessor-not-reported', missing: ['B', 'C'] });
  });

  it('has nothing to derive from no predecessors', () => {
    expect(derivedFromPredecessors('count', [])).toMatchObject({ derived: false, reason: 'predecessor-not-reported' });
  });

  it('gives a ratio no value when the summed denominator is zero', () => {
    expect(derivedFromPredecessors('ratio', [{ unitId: 'A', share: 1, totals: ratioOf(0, 0) }])).toMatchObject({ derived: true, value: null });
  });

  describe('properties', () => {
    it('a successor that is the whole merge of its predecessors (shares 1) gets exactly the sum of their parts', () => {
      fc.assert(
        fc.property(fc.array(sumTotals, { minLength: 1, maxLength: 8 }), (parts) => {
          const merged = derivedFromPredecessors('count', parts.map((totals, i) => ({ unitId: `P${i}`, share: 1, totals })));
          expect(merged).toMatchObject({ derived: true, value: parts.reduce((a, t) => a + t.sum, 0) });
        }),
      );
      fc.assert(
        fc.property(fc.array(ratioTotals, { minLength: 1, maxLength: 8 }), (parts) => {
          const merged = derivedFromPredecessors('ratio', parts.map((totals, i) => ({ unitId: `P${i}`, share: 1, totals })));
          const numerator = parts.reduce((a, t) => a + t.numerator, 0);
          const denominator = parts.reduce((a, t) => a + t.denominator, 0);
          expect(merged).toMatchObject({ derived: true, value: numerator / denominator, totals: { numerator, denominator, reporting: parts.length } });
        }),
      );
    });

    it('splitting a unit between successors with shares that add up to 1 preserves its total', () => {
      fc.assert(
        fc.property(sumTotals, ratioTotals, splitShares, (sum, ratio, shares) => {
          const successors = (kind: 'count' | 'ratio', totals: AggregateTotals) =>
            shares.map((share) => derivedFromPredecessors(kind, [{ unitId: 'C', share, totals }])).map((r) => (r.derived ? r.totals : undefined));
          const counts = successors('count', sum);
          const ratios = successors('ratio', ratio);
          expect(counts.reduce((a, t) => a + t!.sum, 0)).toBeCloseTo(sum.sum, 6);
          expect(ratios.reduce((a, t) => a + t!.numerator, 0)).toBeCloseTo(ratio.numerator, 6);
          expect(ratios.reduce((a, t) => a + t!.denominator, 0)).toBeCloseTo(ratio.denominator, 6);
        }),
      );
    });

    it('a split keeps the split unit’s ratio in every successor that took only a share of it', () => {
      fc.assert(
        fc.property(ratioTotals, fc.double({ min: 0.01, max: 1, noNaN: true }), (ratio, share) => {
          const part = derivedFromPredecessors('ratio', [{ unitId: 'C', share, totals: ratio }]);
          expect(part.value).toBeCloseTo(ratio.numerator / ratio.denominator, 9);
        }),
      );
    });

    it('derives the same value whatever the order of the predecessors', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(ratioTotals, fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 6 }), (raw) => {
          const parts: PredecessorPart[] = raw.map(([totals, share], i) => ({ unitId: `P${i}`, share, totals }));
          const forward = derivedFromPredecessors('ratio', parts).value!;
          const backward = derivedFromPredecessors('ratio', [...parts].reverse()).value!;
          expect(backward).toBeCloseTo(forward, 9);
        }),
      );
    });

    it('never derives a value when any predecessor is missing', () => {
      fc.assert(
        fc.property(fc.array(sumTotals, { minLength: 0, maxLength: 5 }), fc.nat(5), (present, at) => {
          const parts: PredecessorPart[] = present.map((totals, i) => ({ unitId: `P${i}`, share: 1, totals }));
          parts.splice(Math.min(at, parts.length), 0, { unitId: 'GONE', share: 1 });
          expect(derivedFromPredecessors('count', parts)).toMatchObject({ derived: false, value: null, missing: ['GONE'] });
        }),
      );
    });
  });
});
