import { addDays, LocalDate, parseLocalDate, VIETNAM_UTC_OFFSET_HOURS, vietnamDateOf } from './local-date';
import { isWorkingDay, nextWorkingDayOnOrAfter, WorkingCalendar } from './working-days';

/**
 * Office hours in Vietnam, as minutes after midnight: notices go out only inside them on working
 * days, so nobody is messaged at night, at weekends or on Tết. `end` is exclusive.
 */
export interface WorkingHours {
  start: number;
  end: number;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export class WorkingHoursError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not office hours: expected HH:MM-HH:MM with the start before the end, for example 07:30-17:00`);
    this.name = 'WorkingHoursError';
  }
}

/** "07:30" → 450; undefined when not a 24-hour clock time. */
export function minutesOfClockTime(input: string): number | undefined {
  const match = CLOCK_TIME.exec(input);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function clockTimeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "07:30-17:00" → { start: 450, end: 1020 }. */
export function parseWorkingHours(input: string): WorkingHours {
  const [from, to, ...rest] = input.split('-').map((s) => s.trim());
  const start = from === undefined ? undefined : minutesOfClockTime(from);
  const end = to === undefined ? undefined : minutesOfClockTime(to);
  if (rest.length > 0 || start === undefined || end === undefined || start >= end) throw new WorkingHoursError(input);
  return { start, end };
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 7 * 60 + 30, end: 17 * 60 };

/** The instant a Vietnamese wall-clock time happens on a date (UTC+7, no daylight saving). */
export function vietnamInstant(date: LocalDate, minutesAfterMidnight: number): Date {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day) - VIETNAM_UTC_OFFSET_HOURS * HOUR_MS + minutesAfterMidnight * MINUTE_MS);
}

/** Minutes after midnight in Vietnam at an instant. */
export function vietnamMinutesOf(instant: Date): number {
  const shifted = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_HOURS * HOUR_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

export function isWithinWorkingHours(instant: Date, hours: WorkingHours, calendar: WorkingCalendar): boolean {
  const minutes = vietnamMinutesOf(instant);
  return isWorkingDay(vietnamDateOf(instant), calendar) && hours.start <= minutes && minutes < hours.end;
}

/**
 * The first instant at or after `instant` inside office hours: the instant itself when it is
 * inside, else the start of the next working day's hours (after 17:00 on a Friday: Monday 07:30,
 * or the first working day after a holiday).
 */
export function nextSendingTime(instant: Date, hours: WorkingHours, calendar: WorkingCalendar): Date {
  if (isWithinWorkingHours(instant, hours, calendar)) return instant;
  const today = vietnamDateOf(instant);
  const beforeOpening = isWorkingDay(today, calendar) && vietnamMinutesOf(instant) < hours.start;
  const day = beforeOpening ? today : nextWorkingDayOnOrAfter(addDays(today, 1), calendar);
  return vietnamInstant(day, hours.start);
}
