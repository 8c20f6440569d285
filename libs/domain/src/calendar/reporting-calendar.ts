import { formatPeriodId, monthSpanOf, parsePeriodId, Period } from '../periods/period-id';
import { addDays, DateRange, daysInMonth, localDate, LocalDate, rangeContains } from './local-date';

/**
 * Which days a period's data covers. Each report form names one:
 * - `decree-09`: Decree 09/2019/NĐ-CP cut-off dates (thời gian chốt số liệu): from the 15th of the
 *   month before the period's first month to the 14th of its last month.
 * - `calendar`: calendar periods, as statistical reports under Decree 60/2018 use.
 * A date-range period covers its own dates under either.
 */
export type ReportingCalendar = 'decree-09' | 'calendar';

export const DECREE_09_CUT_OFF_DAY = 14;

export function periodDates(period: Period | string, calendar: ReportingCalendar): DateRange {
  const p = typeof period === 'string' ? parsePeriodId(period) : period;
  if (p.type === 'range') return { start: p.start, end: p.end };
  const { first, last } = monthSpanOf(p);
  if (calendar === 'calendar') {
    return { start: localDate(p.year, first, 1), end: localDate(p.year, last, daysInMonth(p.year, last)) };
  }
  // The day after the previous period's cut-off: the 15th of the month before, across the year when needed.
  const start = addDays(first === 1 ? localDate(p.year - 1, 12, DECREE_09_CUT_OFF_DAY) : localDate(p.year, first - 1, DECREE_09_CUT_OFF_DAY), 1);
  return { start, end: localDate(p.year, last, DECREE_09_CUT_OFF_DAY) };
}

/** The cut-off date: the last day whose data the period's report covers. */
export function cutOffDate(period: Period | string, calendar: ReportingCalendar): LocalDate {
  return periodDates(period, calendar).end;
}

export function periodContains(period: Period | string, date: LocalDate, calendar: ReportingCalendar): boolean {
  return rangeContains(periodDates(period, calendar), date);
}

/** The period of a type that covers a date under a calendar, e.g. 2024-12-20 is in 2025Q1 under Decree 09. */
export function periodOfDate(type: 'year' | 'half-year' | 'quarter' | 'month', date: LocalDate, calendar: ReportingCalendar): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  // Under Decree 09 a date after the 14th belongs to the next month's report.
  const shifted = calendar === 'decree-09' && day > DECREE_09_CUT_OFF_DAY ? (month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 }) : { y: year, m: month };
  const index = { year: 1, 'half-year': Math.ceil(shifted.m / 6), quarter: Math.ceil(shifted.m / 3), month: shifted.m }[type];
  return formatPeriodId({ type, year: shifted.y, index });
}
