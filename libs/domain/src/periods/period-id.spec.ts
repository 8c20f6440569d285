import fc from 'fast-check';
import { arbitraryFixedPeriod } from './period.arbitraries';
import { formatPeriodId, InvalidPeriodError, isPeriodId, monthSpanOf, parsePeriodId, Period, rangePeriod } from './period-id';


describe('period ids', () => {
  it.each([
    ['2024', { type: 'year', year: 2024, index: 1 }],
    ['2024N9', { type: 'nine-months', year: 2024, index: 1 }],
    ['2024S2', { type: 'half-year', year: 2024, index: 2 }],
    ['2024Q1', { type: 'quarter', year: 2024, index: 1 }],
    ['202412', { type: 'month', year: 2024, index: 12 }],
    ['20240301_20240531', { type: 'range', start: '2024-03-01', end: '2024-05-31' }],
  ])('parses %s', (id, expected) => {
    expect(parsePeriodId(id)).toEqual(expected);
  });

  it.each([
    ['2024Q5', 'quarter number must be 1–4'],
    ['2024S3', 'half-year number must be 1–2'],
    ['202413', 'month number must be 1–12'],
    ['202400', 'month number must be 1–12'],
    ['0999', 'year must be 1900–2999'],
    ['24Q1', 'unknown form'],
    ['2024-01', 'unknown form'],
    ['', 'unknown form'],
    ['2024q1', 'unknown form'],
    ['2024N8', 'unknown form'],
    ['20240230_20240301', 'a date of the range does not exist'],
    ['20240531_20240301', 'the range ends before it starts'],
  ])('rejects %p (%s) and names the accepted forms', (id, reason) => {
    expect(() => parsePeriodId(id)).toThrow(InvalidPeriodError);
    expect(() => parsePeriodId(id)).toThrow(reason);
    expect(() => parsePeriodId(id)).toThrow(/Accepted forms: 2024 \(year\), 2024N9 \(nine months\), 2024S1 \(half-year\), 2024Q1 \(quarter\), 202401 \(month\), 20240301_20240531 \(date range\)/);
    expect(isPeriodId(id)).toBe(false);
  });

  it('formats every valid period back to the id it was parsed from', () => {
    fc.assert(
      fc.property(arbitraryFixedPeriod, (p: Period) => {
        const id = formatPeriodId(p);
        expect(parsePeriodId(id)).toEqual(p);
        expect(formatPeriodId(parsePeriodId(id))).toBe(id);
        expect(isPeriodId(id)).toBe(true);
      }),
    );
  });

  it('formats a date range back to itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 400 }), (start, length) => {
        const s = start.toISOString().slice(0, 10);
        const e = new Date(start.getTime() + length * 86_400_000).toISOString().slice(0, 10);
        const range = rangePeriod(s, e);
        expect(parsePeriodId(formatPeriodId(range))).toEqual(range);
      }),
    );
  });

  it('knows which calendar months a period spans', () => {
    expect(monthSpanOf({ type: 'quarter', year: 2024, index: 3 })).toEqual({ first: 7, last: 9 });
    expect(monthSpanOf({ type: 'half-year', year: 2024, index: 2 })).toEqual({ first: 7, last: 12 });
    expect(monthSpanOf({ type: 'nine-months', year: 2024, index: 1 })).toEqual({ first: 1, last: 9 });
    expect(monthSpanOf({ type: 'year', year: 2024, index: 1 })).toEqual({ first: 1, last: 12 });
    expect(monthSpanOf({ type: 'month', year: 2024, index: 5 })).toEqual({ first: 5, last: 5 });
  });
});
