import fc from 'fast-check';
import { MONDAY_TO_FRIDAY } from '../calendar/working-days';
import { OrgUnitHierarchy } from '../units/org-unit-hierarchy';
import { referenceUnits } from '../units/reference-units';
import { obligationsDueBetween, periodsDueBetween, ScheduledForm } from './reporting-obligations';

const quarterly: ScheduledForm = { code: 'CDS-Q', periodType: 'quarter', calendar: 'decree-09', levels: ['district'], deadline: { kind: 'day-of-month', day: 20, monthsAfterPeriodEnd: 0 } };

describe('reporting obligations', () => {
  it('list the periods whose deadline falls in the window, with cut-off and deadline', () => {
    expect(periodsDueBetween(quarterly, { start: '2024-12-01', end: '2025-04-30' }, MONDAY_TO_FRIDAY)).toEqual([
      // 20/12/2024 is a Friday; 20/3/2025 a Thursday.
      { period: '2024Q4', cutOff: '2024-12-14', deadline: '2024-12-20' },
      { period: '2025Q1', cutOff: '2025-03-14', deadline: '2025-03-20' },
    ]);
  });

  it('owe a report from each unit of the form’s levels that exists on the cut-off date', () => {
    const hierarchy = new OrgUnitHierarchy(referenceUnits());
    const before = obligationsDueBetween(hierarchy, quarterly, { start: '2025-06-01', end: '2025-06-30' }, MONDAY_TO_FRIDAY);
    // Lạng Sơn's 11 and Hà Tĩnh's 13 districts owe 2025Q2 (cut-off 14/6/2025, before the level ended).
    expect(before).toHaveLength(24);
    expect(before.every((o) => o.period === '2025Q2' && o.deadline === '2025-06-20')).toBe(true);
    // No district exists on 14/9/2025: nobody owes 2025Q3 at district level.
    expect(obligationsDueBetween(hierarchy, quarterly, { start: '2025-09-01', end: '2025-09-30' }, MONDAY_TO_FRIDAY)).toEqual([]);
    expect(obligationsDueBetween(hierarchy, { ...quarterly, levels: ['province'] }, { start: '2025-09-01', end: '2025-09-30' }, MONDAY_TO_FRIDAY).map((o) => o.unitId)).toEqual(['20', '42']);
  });

  it('date a form with its own cut-off by it: a sector regime due on the 6th of the quarter’s last month', () => {
    const sector: ScheduledForm = { ...quarterly, cutOff: { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -1 }, deadline: { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 } };
    expect(periodsDueBetween(sector, { start: '2025-06-01', end: '2025-06-30' }, MONDAY_TO_FRIDAY)).toEqual([{ period: '2025Q2', cutOff: '2025-05-31', deadline: '2025-06-06' }]);
  });

  it('owe a report from the units that exist on the form’s own cut-off, not on Decree 09’s', () => {
    const hierarchy = new OrgUnitHierarchy(referenceUnits());
    // A yearly form cut off on 30/6: the districts, which end that day, still owe 2025; under Decree 09 (14/12) they would not.
    const yearly: ScheduledForm = { ...quarterly, periodType: 'year', cutOff: { kind: 'day-of-month', day: 30, monthsAfterPeriodEnd: -6 }, deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: -5 } };
    const window = { start: '2025-07-01', end: '2025-07-31' };
    expect(obligationsDueBetween(hierarchy, yearly, window, MONDAY_TO_FRIDAY)).toHaveLength(24);
    expect(obligationsDueBetween(hierarchy, { ...yearly, cutOff: undefined, deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 } }, { start: '2026-01-01', end: '2026-01-31' }, MONDAY_TO_FRIDAY)).toEqual([]);
  });

  it('every period in the window appears once and every deadline lies in it', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 400 }), fc.constantFrom('year', 'half-year', 'quarter', 'month' as const), (d, length, periodType) => {
        const start = d.toISOString().slice(0, 10);
        const end = new Date(d.getTime() + length * 86_400_000).toISOString().slice(0, 10);
        const due = periodsDueBetween({ ...quarterly, periodType, deadline: { kind: 'working-days-after-cut-off', days: 5 } }, { start, end }, MONDAY_TO_FRIDAY);
        expect(new Set(due.map((x) => x.period)).size).toBe(due.length);
        for (const x of due) expect(x.deadline >= start && x.deadline <= end && x.cutOff < x.deadline).toBe(true);
      }),
    );
  });
});
