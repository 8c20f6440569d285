import { ReportSubmission } from '@dtp/contracts';
import { ContributedValue, periodDates } from '@dtp/domain';

/** How a submission event counts: one set of rules for the incremental path and the rebuild. */

/** Whether a submission's values count now (the form decides whether provisional ones do). */
export function countsIn(s: { status: string; countable?: boolean | null }): boolean {
  return s.countable ?? s.status !== 'returned';
}

/**
 * The date a period's hierarchy is read on. Calendar and Decree 09 ends fall on the same side of
 * every change to the map (they happen on the 1st of a month), so the calendar end serves both.
 * A form's own cut-off (a sector regime) may fall before a change within its period; aggregates
 * are per unit and period, shared by forms, so they still roll up by the map at the calendar end
 * (docs/adr/0004).
 */
export function periodEndOf(period: string): string {
  return periodDates(period, 'calendar').end;
}

export function valueOf(v: ReportSubmission.Value): ContributedValue {
  return Object.fromEntries(
    Object.entries({ value: v.value, numerator: v.numerator, denominator: v.denominator, done: v.done }).filter(([, x]) => x !== undefined),
  );
}

