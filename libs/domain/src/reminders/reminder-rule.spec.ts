import fc from 'fast-check';
import { isWorkingDay, MONDAY_TO_FRIDAY, workingCalendar, workingDaysAfterUntil } from '../calendar/working-days';
import { DEFAULT_WORKING_HOURS } from '../calendar/working-hours';
import { DEFAULT_REMINDER_RULE, reminderRuleViolations, reminderSchedule, remindersDue, ReminderRule, workingDaysStated } from './reminder-rule';

const rule = (overrides: Partial<ReminderRule> = {}): ReminderRule => ({ ...DEFAULT_REMINDER_RULE, ...overrides });

describe('reminder rules', () => {
  it('schedule in working days around the deadline, skipping weekends and holidays', () => {
    // Deadline Monday 16/12/2024; Friday 13/12 declared a holiday for the example.
    const working = workingCalendar(['2024-12-13']);
    expect(reminderSchedule('2024-12-16', rule({ daysBefore: [3, 1], daysAfter: [1], escalateAfter: 5 }), working)).toEqual([
      { key: 'before-3', kind: 'before', offset: -3, date: '2024-12-10' },
      { key: 'before-1', kind: 'before', offset: -1, date: '2024-12-12' },
      { key: 'on-deadline', kind: 'on-deadline', offset: 0, date: '2024-12-16' },
      { key: 'overdue-1', kind: 'overdue', offset: 1, date: '2024-12-17' },
      { key: 'escalation-5', kind: 'escalation', offset: 5, date: '2024-12-23' },
    ]);
  });

  it('leave out what the rule does not ask for', () => {
    expect(reminderSchedule('2024-12-16', rule({ daysBefore: [], onDeadline: false, daysAfter: [], escalateAfter: undefined }), MONDAY_TO_FRIDAY)).toEqual([]);
  });

  it('send the latest reminder whose day has come, and the escalation once due', () => {
    const schedule = reminderSchedule('2024-12-16', rule({ daysBefore: [3], daysAfter: [1, 3], escalateAfter: 3 }), MONDAY_TO_FRIDAY);
    expect(remindersDue(schedule, '2024-12-10')).toEqual([]);
    expect(remindersDue(schedule, '2024-12-11').map((r) => r.key)).toEqual(['before-3']);
    expect(remindersDue(schedule, '2024-12-14').map((r) => r.key)).toEqual(['before-3']);
    expect(remindersDue(schedule, '2024-12-16').map((r) => r.key)).toEqual(['on-deadline']);
    expect(remindersDue(schedule, '2024-12-19').map((r) => r.key)).toEqual(['overdue-3', 'escalation-3']);
    expect(remindersDue(schedule, '2025-03-01').map((r) => r.key)).toEqual(['overdue-3', 'escalation-3']);
  });

  it('name each wrong field', () => {
    expect(reminderRuleViolations(DEFAULT_REMINDER_RULE, DEFAULT_WORKING_HOURS)).toEqual([]);
    const problems = reminderRuleViolations(rule({ daysBefore: [0, 2, 2], daysAfter: [1.5], escalateAfter: 99, sendTime: '18:30' }), DEFAULT_WORKING_HOURS);
    expect(problems.map((p) => p.field)).toEqual(['daysBefore[0]', 'daysBefore', 'daysAfter[0]', 'escalateAfter', 'sendTime']);
    expect(problems.every((p) => p.messageVi.length > 0)).toBe(true);
    expect(reminderRuleViolations(rule({ sendTime: '8h' }), DEFAULT_WORKING_HOURS)[0]?.message).toContain('is not a time');
  });

  it('every reminder falls on a working day the stated number of working days from the deadline', () => {
    const days = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 4 });
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), days, days, (d, before, after) => {
        const deadline = d.toISOString().slice(0, 10);
        const schedule = reminderSchedule(deadline, rule({ daysBefore: before, daysAfter: after }), MONDAY_TO_FRIDAY);
        expect(new Set(schedule.map((r) => r.key)).size).toBe(schedule.length);
        for (const r of schedule) {
          if (r.offset === 0) continue;
          expect(isWorkingDay(r.date, MONDAY_TO_FRIDAY)).toBe(true);
          const distance = r.offset < 0 ? workingDaysAfterUntil(r.date, deadline, MONDAY_TO_FRIDAY) + (isWorkingDay(deadline, MONDAY_TO_FRIDAY) ? 0 : 1) : workingDaysAfterUntil(deadline, r.date, MONDAY_TO_FRIDAY);
          expect(distance).toBe(Math.abs(r.offset));
        }
        // At most one reminder and one escalation on any day, never before the first reminder's date.
        const due = remindersDue(schedule, deadline);
        expect(due.filter((r) => r.kind !== 'escalation').length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('workingDaysStated: the delay a reminder states is the real one on the day it goes out', () => {
  const working = workingCalendar();
  // Due Friday 20/6/2025.
  const deadline = '2025-06-20';

  it('states 34 working days for an overdue reminder caught up 34 working days late, not the rule’s 3', () => {
    // 20/6 + 34 working days (no holidays configured): Thursday 7/8/2025.
    expect(workingDaysStated('overdue', deadline, '2025-08-07', working)).toBe(34);
    expect(workingDaysStated('escalation', deadline, '2025-08-07', working)).toBe(34);
  });

  it('counts working days only, skipping weekends and holidays, before and after the deadline', () => {
    expect(workingDaysStated('overdue', deadline, '2025-06-25', working)).toBe(3);
    expect(workingDaysStated('overdue', deadline, '2025-06-25', workingCalendar(['2025-06-24']))).toBe(2);
    expect(workingDaysStated('before', deadline, '2025-06-17', working)).toBe(3);
    expect(workingDaysStated('on-deadline', deadline, deadline, working)).toBe(0);
  });

  it('never states a negative delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), fc.constantFrom('before' as const, 'on-deadline' as const, 'overdue' as const, 'escalation' as const), (offset, kind) => {
        const day = new Date(Date.UTC(2025, 5, 20 + offset)).toISOString().slice(0, 10);
        const n = workingDaysStated(kind, deadline, day, working);
        expect(n).toBeGreaterThanOrEqual(0);
        if (kind === 'overdue' && offset > 0) expect(n).toBe(workingDaysAfterUntil(deadline, day, working));
      }),
    );
  });
});
