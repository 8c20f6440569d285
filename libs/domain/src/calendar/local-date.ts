/**
 * A calendar date with no time zone, written `YYYY-MM-DD`. Reporting rules speak in dates
 * ("the 14th", "15/12 of the previous year"); instants appear only at the edges, converted in
 * Asia/Ho_Chi_Minh (UTC+7 all year: Vietnam has no daylight saving time).
 */
export type LocalDate = string;

export const VIETNAM_UTC_OFFSET_HOURS = 7;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a date: expected YYYY-MM-DD, for example 2024-12-14`);
    this.name = 'InvalidDateError';
  }
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseLocalDate(input: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(input);
  if (!match) throw new InvalidDateError(input);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new InvalidDateError(input);
  return { year, month, day };
}

export function isLocalDate(input: string): boolean {
  try {
    parseLocalDate(input);
    return true;
  } catch {
    return false;
  }
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * DAY_MS);
  return localDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function weekdayOf(date: LocalDate): number {
  const day = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  return day === 0 ? 7 : day;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** The date in Vietnam at a given instant. */
export function vietnamDateOf(instant: Date): LocalDate {
  const shifted = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_HOURS * 3_600_000);
  return localDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The last millisecond of a date in Vietnam: a deadline "on the 15th" lasts until 23:59:59.999 +07:00. */
export function endOfVietnamDay(date: LocalDate): Date {
  return new Date((toEpochDay(date) + 1) * DAY_MS - VIETNAM_UTC_OFFSET_HOURS * 3_600_000 - 1);
}

/** An inclusive range of dates. */
export interface DateRange {
  start: LocalDate;
  end: LocalDate;
}

export function rangeContains(range: DateRange, date: LocalDate): boolean {
  return range.start <= date && date <= range.end;
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A date as Vietnamese documents write it: 2024-12-05 → "05/12/2024". */
export function formatViDate(date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/**
 * The place and date line of an administrative document (Decree 30/2020, appendix I): days
 * below 10 and months below 3 take a leading zero, so nothing can be written in later:
 * "Lạng Sơn, ngày 05 tháng 02 năm 2025", "…, ngày 23 tháng 11 năm 2026".
 */
export function documentPlaceAndDate(place: string, date: LocalDate): string {
  const { year, month, day } = parseLocalDate(date);
  const monthText = month < 3 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}
