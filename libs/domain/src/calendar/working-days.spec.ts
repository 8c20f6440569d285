import fc from 'fast-check';
import { addWorkingDays, isWorkingDay, MONDAY_TO_FRIDAY, nextWorkingDayOnOrAfter, previousWorkingDayOnOrBefore, subtractWorkingDays, workingCalendar, workingDaysAfterUntil } from './working-days';

describe('working days', () => {
  it('are Monday to Friday less holidays, plus declared working weekend days', () => {
    const cal = workingCalendar(['2025-01-29'], ['2025-02-08']);
    expect(isWorkingDay('2025-01-27', cal)).toBe(true); // Monday
    expect(isWorkingDay('2025-01-29', cal)).toBe(false); // Tết holiday, a Wednesday
    expect(isWorkingDay('2025-02-01', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2025-02-08', cal)).toBe(true); // Saturday made a working day
  });

  it('find the nearest working day either way', () => {
    expect(nextWorkingDayOnOrAfter('2024-06-15', MONDAY_TO_FRIDAY)).toBe('2024-06-17');
    expect(previousWorkingDayOnOrBefore('2024-06-16', MONDAY_TO_FRIDAY)).toBe('2024-06-14');
    expect(nextWorkingDayOnOrAfter('2024-06-14', MONDAY_TO_FRIDAY)).toBe('2024-06-14');
  });

  it('refuse a holiday list that is not dates, and a count that is not whole', () => {
    expect(() => workingCalendar(['30/4/2025'])).toThrow('holiday "30/4/2025" is not a date (YYYY-MM-DD)');
    expect(() => addWorkingDays('2024-01-01', 0, MONDAY_TO_FRIDAY)).toThrow(RangeError);
  });

  it('refuse a calendar with no working day in a year', () => {
    const all = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    expect(() => nextWorkingDayOnOrAfter('2024-01-01', workingCalendar(all))).toThrow('check the holiday list');
    expect(() => previousWorkingDayOnOrBefore('2025-01-30', workingCalendar(all))).toThrow('check the holiday list');
  });

  it('adding n working days lands on a working day n working days later', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 40 }), (d, n) => {
        const start = d.toISOString().slice(0, 10);
        const end = addWorkingDays(start, n, MONDAY_TO_FRIDAY);
        expect(isWorkingDay(end, MONDAY_TO_FRIDAY)).toBe(true);
        expect(workingDaysAfterUntil(start, end, MONDAY_TO_FRIDAY)).toBe(n);
      }),
    );
  });
});

describe('working days backwards', () => {
  it('subtracting undoes adding', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 40 }), (d, n) => {
        const start = nextWorkingDayOnOrAfter(d.toISOString().slice(0, 10), MONDAY_TO_FRIDAY);
        expect(subtractWorkingDays(addWorkingDays(start, n, MONDAY_TO_FRIDAY), n, MONDAY_TO_FRIDAY)).toBe(start);
      }),
    );
    expect(subtractWorkingDays('2024-12-16', 3, MONDAY_TO_FRIDAY)).toBe('2024-12-11');
    expect(() => subtractWorkingDays('2024-12-16', 0, MONDAY_TO_FRIDAY)).toThrow(RangeError);
  });
});
