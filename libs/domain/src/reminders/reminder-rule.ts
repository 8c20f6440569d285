import { LocalDate } from '../calendar/local-date';
import { addWorkingDays, subtractWorkingDays, WorkingCalendar, workingDaysAfterUntil } from '../calendar/working-days';
import { minutesOfClockTime, WorkingHours } from '../calendar/working-hours';

/**
 * When a form's pending reports are reminded of, as a provincial administrator sets it: some
 * working days before the deadline, on the day, some working days after it, and once, after a
 * longer delay, escalation to the parent unit or the provincial standing agency.
 */
export interface ReminderRule {
  daysBefore: number[];
  onDeadline: boolean;
  daysAfter: number[];
  /** Working days overdue after which the escalation goes out; absent: never escalated. */
  escalateAfter?: number;
  escalateTo: 'parent' | 'standing-agency';
  /** Wall-clock time in Vietnam ("08:00") at which a day's reminders go out. */
  sendTime: string;
}

export const DEFAULT_REMINDER_RULE: ReminderRule = { daysBefore: [3], onDeadline: true, daysAfter: [1, 3], escalateAfter: 5, escalateTo: 'parent', sendTime: '08:00' };

export type ReminderKind = 'before' | 'on-deadline' | 'overdue' | 'escalation';

/** One reminder of an obligation; `key` names it uniquely within the obligation, forever. */
export interface ScheduledReminder {
  key: string;
  kind: ReminderKind;
  /** Working days from the deadline: negative before, 0 on the day, positive after. */
  offset: number;
  date: LocalDate;
}

export interface RuleViolation {
  field: string;
  message: string;
  messageVi: string;
}

const MAX_DAYS = 60;
const dayList = (field: string, days: number[]): RuleViolation[] => {
  const problems: RuleViolation[] = [];
  days.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 1 || d > MAX_DAYS) problems.push({ field: `${field}[${i}]`, message: `a whole number of working days from 1 to ${MAX_DAYS}, got ${d}`, messageVi: `số ngày làm việc phải là số nguyên từ 1 đến ${MAX_DAYS}` });
  });
  if (new Set(days).size !== days.length) problems.push({ field, message: 'a day appears twice', messageVi: 'có ngày bị lặp' });
  return problems;
};

/** Everything wrong with a rule, each with its field; empty when it can be used. */
export function reminderRuleViolations(rule: ReminderRule, hours: WorkingHours): RuleViolation[] {
  const problems = [...dayList('daysBefore', rule.daysBefore), ...dayList('daysAfter', rule.daysAfter)];
  if (rule.escalateAfter !== undefined && (!Number.isInteger(rule.escalateAfter) || rule.escalateAfter < 1 || rule.escalateAfter > MAX_DAYS)) {
    problems.push({ field: 'escalateAfter', message: `a whole number of working days from 1 to ${MAX_DAYS}, got ${rule.escalateAfter}`, messageVi: `số ngày làm việc phải là số nguyên từ 1 đến ${MAX_DAYS}` });
  }
  const minutes = minutesOfClockTime(rule.sendTime);
  if (minutes === undefined) problems.push({ field: 'sendTime', message: `"${rule.sendTime}" is not a time (HH:MM)`, messageVi: 'giờ gửi phải có dạng HH:MM' });
  else if (minutes < hours.start || minutes >= hours.end) problems.push({ field: 'sendTime', message: `${rule.sendTime} is outside office hours`, messageVi: 'giờ gửi nằm ngoài giờ làm việc' });
  return problems;
}

/** Every reminder of one obligation, earliest first. */
export function reminderSchedule(deadline: LocalDate, rule: ReminderRule, working: WorkingCalendar): ScheduledReminder[] {
  const reminders: ScheduledReminder[] = [
    ...rule.daysBefore.map((n) => ({ key: `before-${n}`, kind: 'before' as const, offset: -n, date: subtractWorkingDays(deadline, n, working) })),
    ...(rule.onDeadline ? [{ key: 'on-deadline', kind: 'on-deadline' as const, offset: 0, date: deadline }] : []),
    ...rule.daysAfter.map((n) => ({ key: `overdue-${n}`, kind: 'overdue' as const, offset: n, date: addWorkingDays(deadline, n, working) })),
    ...(rule.escalateAfter !== undefined ? [{ key: `escalation-${rule.escalateAfter}`, kind: 'escalation' as const, offset: rule.escalateAfter, date: addWorkingDays(deadline, rule.escalateAfter, working) }] : []),
  ];
  return reminders.sort((a, b) => a.offset - b.offset || (a.kind === 'escalation' ? 1 : -1));
}

/**
 * What to send on `today` for a report still pending: the latest reminder whose day has come
 * (a day missed while the service was down is caught up once, not replayed one by one), and the
 * escalation once its day has come. Which of these already went out is the caller's record.
 */
export function remindersDue(schedule: ScheduledReminder[], today: LocalDate): ScheduledReminder[] {
  const arrived = schedule.filter((r) => r.date <= today);
  const latest = arrived.filter((r) => r.kind !== 'escalation').at(-1);
  const escalation = arrived.find((r) => r.kind === 'escalation');
  return [...(latest ? [latest] : []), ...(escalation ? [escalation] : [])];
}

/**
 * The working days a reminder states, as of the day it goes out: left until the deadline (before
 * it), none (on the day), or past it (overdue, escalation). Not the rule's offset: a reminder
 * caught up late, or held back by office hours, would state a delay the report no longer has.
 */
export function workingDaysStated(kind: ScheduledReminder['kind'], deadline: LocalDate, sentOn: LocalDate, working: WorkingCalendar): number {
  if (kind === 'on-deadline') return 0;
  if (kind === 'before') return sentOn < deadline ? workingDaysAfterUntil(sentOn, deadline, working) : 0;
  return sentOn > deadline ? workingDaysAfterUntil(deadline, sentOn, working) : 0;
}
