import { addDays, daysBetween, isLocalDate, LocalDate, weekdayOf } from './local-date';

/**
 * Which days are working days: Monday to Friday, less public holidays (Tết and the others, set by
 * each year's decisions, so configuration, not code), plus weekend days declared working days in
 * exchange for a bridged holiday.
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<LocalDate>;
  workingWeekendDays: ReadonlySet<LocalDate>;
}

export function workingCalendar(holidays: Iterable<LocalDate> = [], workingWeekendDays: Iterable<LocalDate> = []): WorkingCalendar {
  const check = (d: LocalDate) => {
    if (!isLocalDate(d)) throw new RangeError(`holiday "${d}" is not a date (YYYY-MM-DD)`);
    return d;
  };
  return { holidays: new Set([...holidays].map(check)), workingWeekendDays: new Set([...workingWeekendDays].map(check)) };
}

export const MONDAY_TO_FRIDAY: WorkingCalendar = workingCalendar();

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
  if (calendar.workingWeekendDays.has(date)) return true;
  return weekdayOf(date) <= 5 && !calendar.holidays.has(date);
}

/** The date itself if it is a working day, else the next one. */
export function nextWorkingDayOnOrAfter(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  let d = date;
  // A year of consecutive holidays would be a configuration error, not a calendar.
  for (let i = 0; i < 366; i += 1, d = addDays(d, 1)) if (isWorkingDay(d, calendar)) return d;
  throw new RangeError(`no working day within a year after ${date}: check the holiday list`);
}

/** The date itself if it is a working day, else the previous one. */
export function previousWorkingDayOnOrBefore(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  let d = date;
  for (let i = 0; i < 366; i += 1, d = addDays(d, -1)) if (isWorkingDay(d, calendar)) return d;
  throw new RangeError(`no working day within a year before ${date}: check the holiday list`);
}

/** The `n`-th working day after `date` (n ≥ 1); `date` itself does not count. */
export function addWorkingDays(date: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days to add must be a whole number ≥ 1, got ${n}`);
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) counted += 1;
  }
  return d;
}

/** The `n`-th working day before `date` (n ≥ 1): "3 working days before the deadline". */
export function subtractWorkingDays(date: LocalDate, n: number, calendar: WorkingCalendar): LocalDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days to subtract must be a whole number ≥ 1, got ${n}`);
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d, calendar)) counted += 1;
  }
  return d;
}

/** Working days in (`after`, `until`]: strictly after the first date, up to and including the second. */
export function workingDaysAfterUntil(after: LocalDate, until: LocalDate, calendar: WorkingCalendar): number {
  let count = 0;
  for (let i = 1; i <= daysBetween(after, until); i += 1) if (isWorkingDay(addDays(after, i), calendar)) count += 1;
  return count;
}
