import { FixedPeriodType, formatPeriodId, monthSpanOf, parsePeriodId, Period, PERIODS_PER_YEAR } from '../periods/period-id';
import { daysInMonth, endOfVietnamDay, localDate, LocalDate } from './local-date';
import { cutOffDate, FormSchedule, ReportingCalendar } from './reporting-calendar';
import { addWorkingDays, nextWorkingDayOnOrAfter, previousWorkingDayOnOrBefore, WorkingCalendar, workingDaysAfterUntil } from './working-days';

/**
 * When a report is due, as a form states it:
 * - `day-of-month`: "the 15th of the period's last month" (`monthsAfterPeriodEnd: 0`), "the 5th
 *   of the following month" (`1`). A day past the month's end means its last day. A deadline
 *   on a weekend or holiday moves to the next working day unless `roll` says otherwise.
 * - `working-days-after-cut-off`: "N working days after the cut-off".
 */
export type DeadlineRule =
  | { kind: 'day-of-month'; day: number; monthsAfterPeriodEnd: number; roll?: 'next-working-day' | 'previous-working-day' | 'none' }
  | { kind: 'working-days-after-cut-off'; days: number };

export class DeadlineRuleError extends Error {
  constructor(readonly violations: string[]) {
    super(`deadline rule refused: ${violations.join('; ')}`);
    this.name = 'DeadlineRuleError';
  }
}

/** Decree 09: at least one working day between the cut-off and the submission deadline. */
export const MIN_WORKING_DAYS_AFTER_CUT_OFF = 1;

function checkShape(rule: DeadlineRule): string[] {
  if (rule.kind === 'working-days-after-cut-off') {
    return Number.isInteger(rule.days) && rule.days >= 1 && rule.days <= 60 ? [] : [`days must be a whole number from 1 to 60, got ${rule.days}`];
  }
  const problems: string[] = [];
  if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31) problems.push(`day must be 1–31, got ${rule.day}`);
  if (!Number.isInteger(rule.monthsAfterPeriodEnd) || Math.abs(rule.monthsAfterPeriodEnd) > 12) problems.push(`monthsAfterPeriodEnd must be a whole number from -12 to 12, got ${rule.monthsAfterPeriodEnd}`);
  return problems;
}

/** The deadline date of one period, without checking the rule against the cut-off (the form's own when its legal basis sets one). */
export function deadlineOf(rule: DeadlineRule, period: Period | string, schedule: ReportingCalendar | FormSchedule, working: WorkingCalendar): LocalDate {
  const problems = checkShape(rule);
  if (problems.length > 0) throw new DeadlineRuleError(problems);
  const p = typeof period === 'string' ? parsePeriodId(period) : period;
  const cutOff = cutOffDate(p, schedule);
  if (rule.kind === 'working-days-after-cut-off') return addWorkingDays(cutOff, rule.days, working);

  const [cutOffYear, cutOffMonth] = cutOff.split('-').map(Number) as [number, number];
  const lastMonth = p.type === 'range' ? cutOffMonth : monthSpanOf(p).last;
  const lastYear = p.type === 'range' ? cutOffYear : p.year;
  const monthIndex = lastYear * 12 + (lastMonth - 1) + rule.monthsAfterPeriodEnd;
  const [year, month] = [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
  const date = localDate(year, month, Math.min(rule.day, daysInMonth(year, month)));
  switch (rule.roll ?? 'next-working-day') {
    case 'next-working-day':
      return nextWorkingDayOnOrAfter(date, working);
    case 'previous-working-day':
      return previousWorkingDayOnOrBefore(date, working);
    case 'none':
      return date;
  }
}

/** The deadline of one period, refused if it leaves no working day after the cut-off. */
export function checkedDeadlineOf(rule: DeadlineRule, period: Period | string, schedule: ReportingCalendar | FormSchedule, working: WorkingCalendar): LocalDate {
  const violation = violationFor(rule, period, schedule, working);
  if (violation) throw new DeadlineRuleError([violation]);
  return deadlineOf(rule, period, schedule, working);
}

function violationFor(rule: DeadlineRule, period: Period | string, schedule: ReportingCalendar | FormSchedule, working: WorkingCalendar): string | undefined {
  const cutOff = cutOffDate(period, schedule);
  const deadline = deadlineOf(rule, period, schedule, working);
  if (workingDaysAfterUntil(cutOff, deadline, working) >= MIN_WORKING_DAYS_AFTER_CUT_OFF) return undefined;
  const id = typeof period === 'string' ? period : formatPeriodId(period);
  return `${id}: deadline ${deadline} leaves no working day after the cut-off ${cutOff}`;
}

/**
 * Checks a form's rule against every period of its type in the given years; a rule that leaves no
 * working day after the cut-off (Decree 09's, or the form's own) for any of them is refused with
 * the periods named.
 */
export function validateDeadlineRule(
  rule: DeadlineRule,
  periodType: FixedPeriodType,
  schedule: ReportingCalendar | FormSchedule,
  working: WorkingCalendar,
  years: { from: number; to: number },
): void {
  const shape = checkShape(rule);
  if (shape.length > 0) throw new DeadlineRuleError(shape);
  const violations: string[] = [];
  for (let year = years.from; year <= years.to; year += 1) {
    for (let index = 1; index <= PERIODS_PER_YEAR[periodType]; index += 1) {
      const violation = violationFor(rule, { type: periodType, year, index }, schedule, working);
      if (violation) violations.push(violation);
    }
  }
  if (violations.length > 0) throw new DeadlineRuleError(violations);
}

/** A submission is late when it arrives after the end of the deadline day in Vietnam. */
export function isLate(submittedAt: Date, deadline: LocalDate): boolean {
  return submittedAt.getTime() > endOfVietnamDay(deadline).getTime();
}
