import fc from 'fast-check';
import { formatPeriodId, InvalidPeriodError, isPeriodId, parsePeriodId, Period } from './period-id';

describe('period ids', () => {
  it.each([
    ['2024', { type: 'year', year: 2024, index: 1 }],
    ['2024S2', { type: 'half-year', year: 2024, index: 2 }],
    ['2024Q1', { type: 'quarter', year: 2024, index: 1 }],
    ['202412', { type: 'month', year: 2024, index: 12 }],
  ])('parses %s', (id, expected) => {
    expect(parsePeriodId(id)).toEqual(expected);
  });

  it.each(['2024Q5', '2024S3', '202413', '202400', '24Q1', '2024-01', '', '2024q1', '0999'])('rejects %p naming the accepted forms', (id) => {
    expect(() => parsePeriodId(id)).toThrow(InvalidPeriodError);
    expect(() => parsePeriodId(id)).toThrow(/Accepted forms: 2024 \(year\), 2024S1 \(half-year\), 2024Q1 \(quarter\), 202401 \(month\)/);
    expect(isPeriodId(id)).toBe(false);
  });

  it('formats every valid period back to the id it was parsed from', () => {
    const period = fc.oneof(
      fc.record({ type: fc.constant('year' as const), year: fc.integer({ min: 1900, max: 2999 }), index: fc.constant(1) }),
      fc.record({ type: fc.constant('half-year' as const), year: fc.integer({ min: 1900, max: 2999 }), index: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ type: fc.constant('quarter' as const), year: fc.integer({ min: 1900, max: 2999 }), index: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ type: fc.constant('month' as const), year: fc.integer({ min: 1900, max: 2999 }), index: fc.integer({ min: 1, max: 12 }) }),
    );
    fc.assert(
      fc.property(period, (p: Period) => {
        const id = formatPeriodId(p);
        expect(parsePeriodId(id)).toEqual(p);
        expect(formatPeriodId(parsePeriodId(id))).toBe(id);
      }),
    );
  });
});
