import { FixedPeriodType } from '../periods/period-id';
import { daysInMonth, localDate, LocalDate } from './local-date';

/**
 * Which day a period's data is cut off (thời gian chốt số liệu), as a form's legal basis states
 * it: day `day` of the month `monthsAfterPeriodEnd` from the period's last month (0: the last
 * month itself, -1: the month before). A day past the month's end means its last day, so 31 is
 * "the month's last day" in every month. The previous period's cut-off, by the same rule, closes
 * the day before the period opens, so periods of one rule tile time with no gap and no overlap.
 */
export interface CutOffRule {
  kind: 'day-of-month';
  day: number;
  monthsAfterPeriodEnd: number;
}

/** Decree 09/2019/NĐ-CP, Article 12: the 14th of the period's last month. */
export const DECREE_09_CUT_OFF: CutOffRule = { kind: 'day-of-month', day: 14, monthsAfterPeriodEnd: 0 };

/** Calendar periods (statistical reports under Decree 60/2018): the period's last day. */
export const CALENDAR_CUT_OFF: CutOffRule = { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0 };

/** How many months a period of each type spans: a cut-off moved earlier than its first month would leave the period. */
export const MONTHS_PER_PERIOD: Record<FixedPeriodType, number> = { year: 12, 'nine-months': 9, 'half-year': 6, quarter: 3, month: 1 };

/** The cut-off of the period whose last month is `lastMonth` of `year` (months past 12 or below 1 cross years). */
export function cutOffInMonth(rule: CutOffRule, year: number, lastMonth: number): LocalDate {
  const monthIndex = year * 12 + (lastMonth - 1) + rule.monthsAfterPeriodEnd;
  const [y, m] = [Math.floor(monthIndex / 12), (monthIndex % 12) + 1];
  return localDate(y, m, Math.min(rule.day, daysInMonth(y, m)));
}

/**
 * What is wrong with a cut-off rule for a form of a period type, one entry per field: the day
 * must exist in some month, and the cut-off must fall within the period's own months (a month
 * cut off in the month before would cover none of its own days).
 */
export function cutOffRuleProblems(rule: CutOffRule, periodType: FixedPeriodType): Array<{ field: 'day' | 'monthsAfterPeriodEnd'; message: string; messageVi: string }> {
  const problems: Array<{ field: 'day' | 'monthsAfterPeriodEnd'; message: string; messageVi: string }> = [];
  if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > 31) {
    problems.push({ field: 'day', message: `day must be a whole number from 1 to 31, got ${rule.day}`, messageVi: `ngày chốt số liệu phải là số nguyên từ 1 đến 31, nhận được ${rule.day}` });
  }
  const earliest = -(MONTHS_PER_PERIOD[periodType] - 1);
  if (!Number.isInteger(rule.monthsAfterPeriodEnd) || rule.monthsAfterPeriodEnd > 0 || rule.monthsAfterPeriodEnd < earliest) {
    problems.push({
      field: 'monthsAfterPeriodEnd',
      message: `the cut-off must fall within the period: monthsAfterPeriodEnd must be a whole number from ${earliest} to 0 for this period type, got ${rule.monthsAfterPeriodEnd}`,
      messageVi: `ngày chốt số liệu phải nằm trong kỳ báo cáo: số tháng so với tháng cuối kỳ phải là số nguyên từ ${earliest} đến 0 với loại kỳ này, nhận được ${rule.monthsAfterPeriodEnd}`,
    });
  }
  return problems;
}

export function sameCutOff(a: CutOffRule, b: CutOffRule): boolean {
  return a.day === b.day && a.monthsAfterPeriodEnd === b.monthsAfterPeriodEnd;
}

/** The provision that lets a form depart from Decree 09: a document (e.g. a ministry's circular) and its article. */
export interface LegalBasis {
  /** Number and symbol, e.g. "Thông tư 03/2022/TT-BTTTT". */
  document: string;
  /** e.g. "Điều 5, khoản 2". */
  article: string;
}
