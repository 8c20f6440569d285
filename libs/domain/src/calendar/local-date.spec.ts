import { addDays, daysBetween, endOfVietnamDay, documentPlaceAndDate, formatViDate, InvalidDateError, maxDate, minDate, parseLocalDate, rangesOverlap, vietnamDateOf, weekdayOf } from './local-date';

describe('local dates', () => {
  it('refuse dates that do not exist', () => {
    expect(() => parseLocalDate('2023-02-29')).toThrow(InvalidDateError);
    expect(() => parseLocalDate('2024-13-01')).toThrow('expected YYYY-MM-DD');
    expect(parseLocalDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('do arithmetic across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(weekdayOf('2024-06-15')).toBe(6);
    expect(weekdayOf('2024-06-16')).toBe(7);
    expect(minDate('2024-01-02', '2024-01-01')).toBe('2024-01-01');
    expect(maxDate('2024-01-02', '2024-01-01')).toBe('2024-01-02');
  });

  it('read instants in Vietnam time, UTC+7', () => {
    expect(vietnamDateOf(new Date('2024-12-31T16:59:59Z'))).toBe('2024-12-31');
    expect(vietnamDateOf(new Date('2024-12-31T17:00:00Z'))).toBe('2025-01-01');
    expect(endOfVietnamDay('2024-03-15').toISOString()).toBe('2024-03-15T16:59:59.999Z');
  });

  it('tell whether two ranges share a day', () => {
    expect(rangesOverlap({ start: '2024-01-01', end: '2024-06-30' }, { start: '2024-06-30', end: '2024-12-31' })).toBe(true);
    expect(rangesOverlap({ start: '2024-01-01', end: '2024-06-29' }, { start: '2024-06-30', end: '2024-12-31' })).toBe(false);
  });
});

describe('Vietnamese date format', () => {
  it('writes day/month/year with two-digit day and month', () => {
    expect(formatViDate('2024-12-05')).toBe('05/12/2024');
    expect(formatViDate('2025-01-31')).toBe('31/01/2025');
    expect(() => formatViDate('2025-02-30')).toThrow(InvalidDateError);
  });
});

describe('documentPlaceAndDate (Decree 30/2020)', () => {
  it.each([
    ['2025-02-05', 'Lạng Sơn, ngày 05 tháng 02 năm 2025'],
    ['2025-01-31', 'Lạng Sơn, ngày 31 tháng 01 năm 2025'],
    ['2026-11-23', 'Lạng Sơn, ngày 23 tháng 11 năm 2026'],
    ['2024-03-09', 'Lạng Sơn, ngày 09 tháng 3 năm 2024'],
  ])('writes %s as "%s"', (date, text) => {
    expect(documentPlaceAndDate('Lạng Sơn', date)).toBe(text);
  });
});
