import { checkedDeadlineOf, deadlineOf, DeadlineRuleError, isLate, validateDeadlineRule } from './deadline-rule';
import { MONDAY_TO_FRIDAY, workingCalendar } from './working-days';

const fifteenthOfLastMonth = { kind: 'day-of-month' as const, day: 15, monthsAfterPeriodEnd: 0 };

describe('deadlines', () => {
  it('puts the monthly deadline on the 15th when it is a working day', () => {
    // 2024-03-15 is a Friday; the cut-off is Thursday the 14th.
    expect(checkedDeadlineOf(fifteenthOfLastMonth, '202403', 'decree-09', MONDAY_TO_FRIDAY)).toBe('2024-03-15');
  });

  it('moves a deadline on a weekend to the next working day', () => {
    // 2024-06-15 is a Saturday.
    expect(deadlineOf(fifteenthOfLastMonth, '202406', 'decree-09', MONDAY_TO_FRIDAY)).toBe('2024-06-17');
  });

  it('moves a deadline on a public holiday past the holiday and the weekend after it', () => {
    const holidays = workingCalendar(['2024-03-15']);
    expect(checkedDeadlineOf(fifteenthOfLastMonth, '202403', 'decree-09', holidays)).toBe('2024-03-18');
  });

  it('honours a weekend day declared a working day', () => {
    const swapped = workingCalendar([], ['2024-06-15']);
    expect(deadlineOf(fifteenthOfLastMonth, '202406', 'decree-09', swapped)).toBe('2024-06-15');
  });

  it('counts working days after the cut-off', () => {
    // Cut-off Thursday 2024-03-14: Friday 15, Monday 18, Tuesday 19.
    expect(deadlineOf({ kind: 'working-days-after-cut-off', days: 3 }, '2024Q1', 'decree-09', MONDAY_TO_FRIDAY)).toBe('2024-03-19');
  });

  it('crosses the year for a December deadline in the following month', () => {
    expect(deadlineOf({ kind: 'day-of-month', day: 5, monthsAfterPeriodEnd: 1 }, '2024', 'calendar', MONDAY_TO_FRIDAY)).toBe('2025-01-06');
  });

  it('uses the month’s last day for a day past its end', () => {
    expect(deadlineOf({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0, roll: 'none' }, '202402', 'calendar', MONDAY_TO_FRIDAY)).toBe('2024-02-29');
    expect(deadlineOf({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0, roll: 'none' }, '202302', 'calendar', MONDAY_TO_FRIDAY)).toBe('2023-02-28');
  });

  it('refuses a deadline that leaves no working day after the cut-off', () => {
    // Sunday 2024-09-15 rolled back lands on Friday the 13th, before the cut-off on the 14th.
    const rollBack = { ...fifteenthOfLastMonth, roll: 'previous-working-day' as const };
    expect(() => checkedDeadlineOf(rollBack, '202409', 'decree-09', MONDAY_TO_FRIDAY)).toThrow(
      '202409: deadline 2024-09-13 leaves no working day after the cut-off 2024-09-14',
    );
  });

  it('refuses, for a Decree 09 quarterly form, the 6th of the quarter’s last month, naming every period', () => {
    const sixth = { kind: 'day-of-month' as const, day: 6, monthsAfterPeriodEnd: 0 };
    let error: DeadlineRuleError | undefined;
    try {
      validateDeadlineRule(sixth, 'quarter', 'decree-09', MONDAY_TO_FRIDAY, { from: 2024, to: 2025 });
    } catch (e) {
      error = e as DeadlineRuleError;
    }
    expect(error?.violations).toHaveLength(8);
    expect(error?.violations[0]).toMatch(/^2024Q1: deadline 2024-03-06 leaves no working day after the cut-off 2024-03-14$/);
  });

  it('accepts the 15th of the last month for every month of a decade, holidays included', () => {
    const tet = workingCalendar(['2025-01-15', '2026-06-15']);
    expect(() => validateDeadlineRule(fifteenthOfLastMonth, 'month', 'decree-09', tet, { from: 2020, to: 2030 })).not.toThrow();
  });

  it('refuses malformed rules', () => {
    expect(() => validateDeadlineRule({ kind: 'day-of-month', day: 32, monthsAfterPeriodEnd: 0 }, 'month', 'decree-09', MONDAY_TO_FRIDAY, { from: 2024, to: 2024 })).toThrow('day must be 1–31, got 32');
    expect(() => deadlineOf({ kind: 'working-days-after-cut-off', days: 0 }, '202401', 'decree-09', MONDAY_TO_FRIDAY)).toThrow('days must be a whole number from 1 to 60, got 0');
    expect(() => deadlineOf({ kind: 'day-of-month', day: 1, monthsAfterPeriodEnd: 1.5 }, '202401', 'decree-09', MONDAY_TO_FRIDAY)).toThrow('monthsAfterPeriodEnd');
  });

  it('marks a submission late only after the deadline day ends in Vietnam (UTC+7)', () => {
    expect(isLate(new Date('2024-03-15T16:59:59.999Z'), '2024-03-15')).toBe(false);
    expect(isLate(new Date('2024-03-15T17:00:00.000Z'), '2024-03-15')).toBe(true);
    expect(isLate(new Date('2024-03-14T23:00:00.000Z'), '2024-03-15')).toBe(false);
  });
});
