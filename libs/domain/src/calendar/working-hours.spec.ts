import fc from 'fast-check';
import { vietnamDateOf } from './local-date';
import { isWorkingDay, MONDAY_TO_FRIDAY, workingCalendar } from './working-days';
import { clockTimeOf, DEFAULT_WORKING_HOURS, isWithinWorkingHours, nextSendingTime, parseWorkingHours, vietnamInstant, vietnamMinutesOf } from './working-hours';

const at = (iso: string) => new Date(iso);

describe('office hours', () => {
  it('read HH:MM-HH:MM and refuse anything else', () => {
    expect(parseWorkingHours('07:30-17:00')).toEqual(DEFAULT_WORKING_HOURS);
    expect(parseWorkingHours(' 08:00 - 11:30 ')).toEqual({ start: 480, end: 690 });
    for (const bad of ['17:00-07:30', '07:30', '7h30-17h', '07:30-17:00-18:00', '24:00-25:00', '08:00-08:00']) expect(() => parseWorkingHours(bad)).toThrow('is not office hours');
    expect(clockTimeOf(450)).toBe('07:30');
  });

  it('place a Vietnamese wall-clock time at its UTC instant (UTC+7)', () => {
    expect(vietnamInstant('2024-12-05', 450).toISOString()).toBe('2024-12-05T00:30:00.000Z');
    expect(vietnamInstant('2024-12-05', 0).toISOString()).toBe('2024-12-04T17:00:00.000Z');
    expect(vietnamMinutesOf(at('2024-12-04T17:00:00Z'))).toBe(0);
  });

  it('keep an instant inside them and move others to the next opening', () => {
    const tet = workingCalendar(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    // Thursday 10:00 in Hà Nội: inside.
    expect(nextSendingTime(at('2024-12-05T03:00:00Z'), DEFAULT_WORKING_HOURS, MONDAY_TO_FRIDAY).toISOString()).toBe('2024-12-05T03:00:00.000Z');
    // Thursday 06:00: the same morning at 07:30.
    expect(nextSendingTime(at('2024-12-04T23:00:00Z'), DEFAULT_WORKING_HOURS, MONDAY_TO_FRIDAY).toISOString()).toBe('2024-12-05T00:30:00.000Z');
    // 17:00 sharp is closed: Friday's next morning is Monday's.
    expect(nextSendingTime(at('2024-12-06T10:00:00Z'), DEFAULT_WORKING_HOURS, MONDAY_TO_FRIDAY).toISOString()).toBe('2024-12-09T00:30:00.000Z');
    // Friday before Tết at 18:00: the first working day after the holiday week.
    expect(nextSendingTime(at('2025-01-24T11:00:00Z'), DEFAULT_WORKING_HOURS, tet).toISOString()).toBe('2025-02-03T00:30:00.000Z');
  });

  it('the next sending time is the earliest instant inside office hours at or after the given one', () => {
    const holidays = workingCalendar(['2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02']);
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }), (instant) => {
        const next = nextSendingTime(instant, DEFAULT_WORKING_HOURS, holidays);
        expect(next.getTime()).toBeGreaterThanOrEqual(instant.getTime());
        expect(isWithinWorkingHours(next, DEFAULT_WORKING_HOURS, holidays)).toBe(true);
        expect(isWorkingDay(vietnamDateOf(next), holidays)).toBe(true);
        expect(nextSendingTime(next, DEFAULT_WORKING_HOURS, holidays)).toEqual(next);
        // Nothing earlier qualifies: one minute before a moved instant is outside office hours.
        if (next.getTime() > instant.getTime()) expect(isWithinWorkingHours(new Date(next.getTime() - 60_000), DEFAULT_WORKING_HOURS, holidays)).toBe(false);
      }),
    );
  });
});
