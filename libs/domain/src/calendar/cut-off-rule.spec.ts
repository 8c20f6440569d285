import fc from 'fast-check';
import { arbitraryFixedPeriod } from '../periods/period.arbitraries';
import { nextPeriod } from '../periods/period-navigation';
import { monthSpanOf } from '../periods/period-id';
import { CutOffRule, cutOffRuleProblems, DECREE_09_CUT_OFF, MONTHS_PER_PERIOD } from './cut-off-rule';
import { deadlineOf, DeadlineRule, DeadlineRuleError, validateDeadlineRule } from './deadline-rule';
import { addDays, daysInMonth, localDate } from './local-date';
import { cutOffDate, cutOffRuleOf, departsFromDecree09, FormSchedule, periodContains, periodDates, periodOfDate } from './reporting-calendar';
import { MONDAY_TO_FRIDAY, workingDaysAfterUntil } from './working-days';

/** A sector regime as the issue describes it: data to the end of the quarter's second month, due on the 6th of its last month. */
const SECOND_MONTH_END: CutOffRule = { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -1 };
const SIXTH_OF_LAST_MONTH: DeadlineRule = { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 };
const SECTOR: FormSchedule = { calendar: 'decree-09', cutOff: SECOND_MONTH_END };

/** A period with a cut-off rule that keeps the cut-off within it (as forms are saved). */
const periodWithOwnRule = arbitraryFixedPeriod.chain((p) =>
  fc.record({
    p: fc.constant(p),
    rule: fc.record({ kind: fc.constant('day-of-month' as const), day: fc.integer({ min: 1, max: 31 }), monthsAfterPeriodEnd: fc.integer({ min: -(MONTHS_PER_PERIOD[p.type] - 1), max: 0 }) }),
    calendar: fc.constantFrom('decree-09' as const, 'calendar' as const),
  }),
);

describe('a form’s own cut-off', () => {
  it('leaves Decree 09’s dates unchanged for a form without one, and Decree 09’s rule is one case of the rule', () => {
    fc.assert(
      fc.property(arbitraryFixedPeriod, (p) => {
        const decree09 = periodDates(p, 'decree-09');
        expect(periodDates(p, { calendar: 'decree-09' })).toEqual(decree09);
        expect(periodDates(p, { calendar: 'calendar', cutOff: DECREE_09_CUT_OFF })).toEqual(decree09);
        expect(decree09.end).toBe(localDate(p.year, monthSpanOf(p).last, 14));
      }),
    );
  });

  it('prevails over the calendar the form names', () => {
    expect(cutOffRuleOf({ calendar: 'decree-09', cutOff: SECOND_MONTH_END })).toBe(SECOND_MONTH_END);
    expect(cutOffRuleOf('decree-09')).toEqual(DECREE_09_CUT_OFF);
    expect(cutOffDate('2025Q2', SECTOR)).toBe('2025-05-31');
    expect(periodDates('2025Q2', SECTOR)).toEqual({ start: '2025-03-01', end: '2025-05-31' });
    expect(periodDates('2025Q1', SECTOR)).toEqual({ start: '2024-12-01', end: '2025-02-28' });
    expect(periodDates('202402', { calendar: 'decree-09', cutOff: { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0 } })).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('falls within the period’s own months, and the period is never empty', () => {
    fc.assert(
      fc.property(periodWithOwnRule, ({ p, rule, calendar }) => {
        expect(cutOffRuleProblems(rule, p.type)).toEqual([]);
        const { first, last } = monthSpanOf(p);
        const { start, end } = periodDates(p, { calendar, cutOff: rule });
        expect(end >= localDate(p.year, first, 1) && end <= localDate(p.year, last, daysInMonth(p.year, last))).toBe(true);
        expect(start <= end).toBe(true);
      }),
    );
  });

  it('tiles time: each period starts the day after the previous one is cut off', () => {
    fc.assert(
      fc.property(
        periodWithOwnRule.filter(({ p }) => p.type !== 'nine-months'),
        ({ p, rule, calendar }) => {
          const schedule = { calendar, cutOff: rule };
          expect(periodDates(nextPeriod(p), schedule).start).toBe(addDays(periodDates(p, schedule).end, 1));
        },
      ),
    );
  });

  it('places every date in the period that contains it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        fc.constantFrom('year' as const, 'half-year' as const, 'quarter' as const, 'month' as const),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: -11, max: 0 }),
        (instant, type, day, monthsAfterPeriodEnd) => {
          const date = instant.toISOString().slice(0, 10);
          const schedule: FormSchedule = { calendar: 'decree-09', cutOff: { kind: 'day-of-month', day, monthsAfterPeriodEnd } };
          expect(periodContains(periodOfDate(type, date, schedule), date, schedule)).toBe(true);
        },
      ),
    );
    expect(periodOfDate('quarter', '2025-06-03', SECTOR)).toBe('2025Q3');
  });

  it('refuses a cut-off outside the period or a day no month has, naming the field in both languages', () => {
    expect(cutOffRuleProblems({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -1 }, 'month').map((p) => p.field)).toEqual(['monthsAfterPeriodEnd']);
    expect(cutOffRuleProblems({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -3 }, 'quarter').map((p) => p.field)).toEqual(['monthsAfterPeriodEnd']);
    expect(cutOffRuleProblems({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 1 }, 'year').map((p) => p.field)).toEqual(['monthsAfterPeriodEnd']);
    expect(cutOffRuleProblems({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -2 }, 'quarter')).toEqual([]);
    expect(cutOffRuleProblems({ kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -11 }, 'year')).toEqual([]);
    const [day] = cutOffRuleProblems({ kind: 'day-of-month', day: 0, monthsAfterPeriodEnd: 0 }, 'quarter');
    expect(day).toMatchObject({ field: 'day', message: expect.stringContaining('1 to 31'), messageVi: expect.stringContaining('từ 1 đến 31') });
  });

  it('departs from Decree 09 only with a cut-off other than the 14th of the last month', () => {
    expect(departsFromDecree09({ calendar: 'decree-09' })).toBe(false);
    expect(departsFromDecree09({ calendar: 'decree-09', cutOff: { kind: 'day-of-month', day: 14, monthsAfterPeriodEnd: 0 } })).toBe(false);
    expect(departsFromDecree09({ calendar: 'decree-09', cutOff: SECOND_MONTH_END })).toBe(true);
    expect(departsFromDecree09({ calendar: 'decree-09', cutOff: { kind: 'day-of-month', day: 14, monthsAfterPeriodEnd: -1 } })).toBe(true);
  });
});

describe('deadlines against a form’s own cut-off', () => {
  it('refuses a deadline on the 6th of the quarter’s last month under Decree 09, and accepts it against the form’s own cut-off', () => {
    expect(() => validateDeadlineRule(SIXTH_OF_LAST_MONTH, 'quarter', 'decree-09', MONDAY_TO_FRIDAY, { from: 2025, to: 2030 })).toThrow(DeadlineRuleError);
    expect(() => validateDeadlineRule(SIXTH_OF_LAST_MONTH, 'quarter', SECTOR, MONDAY_TO_FRIDAY, { from: 2025, to: 2030 })).not.toThrow();
    // Friday 6/6/2025, five working days after Saturday 31/5.
    expect(deadlineOf(SIXTH_OF_LAST_MONTH, '2025Q2', SECTOR, MONDAY_TO_FRIDAY)).toBe('2025-06-06');
  });

  it('counts working days after the form’s own cut-off', () => {
    // Cut-off Saturday 31/5/2025: Monday 2, Tuesday 3, Wednesday 4 June.
    expect(deadlineOf({ kind: 'working-days-after-cut-off', days: 3 }, '2025Q2', SECTOR, MONDAY_TO_FRIDAY)).toBe('2025-06-04');
  });

  it('still refuses a deadline that leaves no working day after the form’s own cut-off', () => {
    const lastDay: FormSchedule = { calendar: 'decree-09', cutOff: { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0 } };
    expect(() => validateDeadlineRule({ kind: 'day-of-month', day: 25, monthsAfterPeriodEnd: 0 }, 'quarter', lastDay, MONDAY_TO_FRIDAY, { from: 2025, to: 2025 })).toThrow(/leaves no working day after the cut-off 2025-03-31/);
  });

  it('puts every accepted deadline at least one working day after the cut-off it was checked against', () => {
    const deadlineRule = fc.oneof(
      fc.record({ kind: fc.constant('day-of-month' as const), day: fc.integer({ min: 1, max: 31 }), monthsAfterPeriodEnd: fc.integer({ min: -2, max: 2 }) }),
      fc.record({ kind: fc.constant('working-days-after-cut-off' as const), days: fc.integer({ min: 1, max: 60 }) }),
    );
    const quarterRule = fc.record({ kind: fc.constant('day-of-month' as const), day: fc.integer({ min: 1, max: 31 }), monthsAfterPeriodEnd: fc.integer({ min: -2, max: 0 }) });
    fc.assert(
      fc.property(deadlineRule, fc.option(quarterRule, { nil: undefined }), fc.integer({ min: 2000, max: 2090 }), (rule, cutOff, year) => {
        const schedule: FormSchedule = { calendar: 'decree-09', ...(cutOff ? { cutOff } : {}) };
        let accepted = true;
        try {
          validateDeadlineRule(rule, 'quarter', schedule, MONDAY_TO_FRIDAY, { from: year, to: year });
        } catch (error) {
          if (!(error instanceof DeadlineRuleError)) throw error;
          accepted = false;
        }
        for (let index = 1; index <= 4; index += 1) {
          const period = { type: 'quarter' as const, year, index };
          const gap = workingDaysAfterUntil(cutOffDate(period, schedule), deadlineOf(rule, period, schedule, MONDAY_TO_FRIDAY), MONDAY_TO_FRIDAY);
          if (accepted) expect(gap).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });
});
