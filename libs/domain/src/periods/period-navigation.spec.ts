import fc from 'fast-check';
import { formatPeriodId } from './period-id';
import { arbitraryFixedPeriod } from './period.arbitraries';
import { lastPeriods, nextPeriod, periodsBetween, previousPeriod } from './period-navigation';

const ids = (ps: Parameters<typeof formatPeriodId>[0][]) => ps.map(formatPeriodId);

describe('moving between periods', () => {
  it.each([
    ['202412', '202501'],
    ['2024Q4', '2025Q1'],
    ['2024S2', '2025S1'],
    ['2024', '2025'],
    ['2024N9', '2025N9'],
    ['202401', '202402'],
  ])('the period after %s is %s', (id, next) => {
    expect(formatPeriodId(nextPeriod(id))).toBe(next);
    expect(formatPeriodId(previousPeriod(next))).toBe(id);
  });

  it('lists a range of periods, both ends included', () => {
    expect(ids(periodsBetween('2023Q3', '2024Q2'))).toEqual(['2023Q3', '2023Q4', '2024Q1', '2024Q2']);
    expect(ids(periodsBetween('202411', '202402'))).toEqual([]);
    expect(ids(lastPeriods('202402', 3))).toEqual(['202312', '202401', '202402']);
  });

  it('refuses to mix period types or to step a date range', () => {
    expect(() => periodsBetween('2024Q1', '202405')).toThrow('cannot list from a quarter to a month');
    expect(() => nextPeriod('20240101_20240131')).toThrow('has no next or previous period');
    expect(() => nextPeriod('2999')).toThrow(RangeError);
  });

  it('next and previous are inverse, and a range of n steps has n + 1 periods', () => {
    fc.assert(
      fc.property(arbitraryFixedPeriod.filter((p) => p.year <= 2960), fc.integer({ min: 0, max: 30 }), (p, n) => {
        const later = nextPeriod(p, n);
        expect(previousPeriod(later, n)).toEqual(p);
        expect(periodsBetween(p, later)).toHaveLength(n + 1);
      }),
    );
  });
});
