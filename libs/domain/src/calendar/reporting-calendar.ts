import { formatPeriodId, monthSpanOf, parsePeriodId, Period } from '../periods/period-id';
import { CALENDAR_CUT_OFF, CutOffRule, cutOffInMonth, DECREE_09_CUT_OFF, sameCutOff } from './cut-off-rule';
import { addDays, DateRange, daysInMonth, LocalDate, rangeContains } from './local-date';

/**
 * Which days a period's data covers. Each report form names one:
 * - `decree-09`: Decree 09/2019/NĐ-CP cut-off dates (thời gian chốt số liệu): from the 15th of the
 *   month before the period's first month to the 14th of its last month.
 * - `calendar`: calendar periods, as statistical reports under Decree 60/2018 use.
 * A date-range period covers its own dates under either.
 */
export type ReportingCalendar = 'decree-09' | 'calendar';

export const DECREE_09_CUT_OFF_DAY = DECREE_09_CUT_OFF.day;

/**
 * How a form dates its periods: the calendar it names and, when its legal basis sets another
 * (a sector circular), its own cut-off, which then prevails. Every service dates a form's periods
 * by passing this (or the form itself) to the functions here, so they agree.
 */
export interface FormSchedule {
  calendar: ReportingCalendar;
  cutOff?: CutOffRule;
}

/** The cut-off rule a form's periods follow: its own if it has one, else its calendar's. */
export function cutOffRuleOf(schedule: ReportingCalendar | FormSchedule): CutOffRule {
  if (typeof schedule !== 'string' && schedule.cutOff) return schedule.cutOff;
  const calendar = typeof schedule === 'string' ? schedule : schedule.calendar;
  return calendar === 'calendar' ? CALENDAR_CUT_OFF : DECREE_09_CUT_OFF;
}

/** Whether a form's periods depart from Decree 09's default cut-off, which only a legal basis allows. */
export function departsFromDecree09(schedule: FormSchedule): boolean {
  return schedule.cutOff !== undefined && !sameCutOff(schedule.cutOff, DECREE_09_CUT_OFF);
}

export function periodDates(period: Period | string, schedule: ReportingCalendar | FormSchedule): DateRange {
  const p = typeof period === 'string' ? parsePeriodId(period) : period;
  if (p.type === 'range') return { start: p.start, end: p.end };
  const rule = cutOffRuleOf(schedule);
  const { first, last } = monthSpanOf(p);
  // The day after the cut-off of a period ending the month before this one starts, across the year when needed.
  return { start: addDays(cutOffInMonth(rule, p.year, first - 1), 1), end: cutOffInMonth(rule, p.year, last) };
}

/** The cut-off date: the last day whose data the period's report covers. */
export function cutOffDate(period: Period | string, schedule: ReportingCalendar | FormSchedule): LocalDate {
  return periodDates(period, schedule).end;
}

export function periodContains(period: Period | string, date: LocalDate, schedule: ReportingCalendar | FormSchedule): boolean {
  return rangeContains(periodDates(period, schedule), date);
}

/** The period of a type that covers a date under a calendar, e.g. 2024-12-20 is in 2025Q1 under Decree 09. */
export function periodOfDate(type: 'year' | 'half-year' | 'quarter' | 'month', date: LocalDate, schedule: ReportingCalendar | FormSchedule): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const rule = cutOffRuleOf(schedule);
  // The month whose cut-off, by the rule, closes on or after the date: the 20th is past the 14th, so next month's.
  const past = day > Math.min(rule.day, daysInMonth(year, month)) ? 1 : 0;
  const monthIndex = year * 12 + (month - 1) - rule.monthsAfterPeriodEnd + past;
  const shifted = { y: Math.floor(monthIndex / 12), m: (monthIndex % 12) + 1 };
  const index = { year: 1, 'half-year': Math.ceil(shifted.m / 6), quarter: Math.ceil(shifted.m / 3), month: shifted.m }[type];
  return formatPeriodId({ type, year: shifted.y, index });
}
