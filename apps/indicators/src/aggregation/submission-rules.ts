import { ReportSubmission } from '@dtp/contracts';
import { ContributedValue, periodDates, Standing } from '@dtp/domain';

/** How a submission event counts: one set of rules for the incremental path and the rebuild. */

/** Whether a submission's values count now (the form decides whether provisional ones do). */
export function countsIn(s: { status: string; countable?: boolean | null }): boolean {
  return s.countable ?? s.status !== 'returned';
}

/**
 * The values the fold carries for a submission: those of its last approved revision while a later
 * one is not approved (ReportSubmission.Payload['approved']), its own otherwise. An indicator a
 * later revision no longer carries is withdrawn.
 */
export function carriedValuesOf(s: Pick<ReportSubmission.Payload, 'status' | 'values' | 'approved'>): ReportSubmission.Value[] {
  return s.approved && s.status !== 'approved' ? s.approved.values : s.values;
}

/**
 * What a submission contributes now: the values carried, whether they count, and how final they
 * are. A correction of an approved report leaves the approved figures counted (under correction
 * while it awaits approval, final again once returned); figures counted before approval are
 * provisional.
 */
export function contributionOf(s: Pick<ReportSubmission.Payload, 'status' | 'countable' | 'values' | 'approved'>): { values: ReportSubmission.Value[]; counts: boolean; standing?: Standing } {
  if (s.approved && s.status !== 'approved') return { values: s.approved.values, counts: true, ...(s.status === 'submitted' ? { standing: 'correcting' as const } : {}) };
  const counts = countsIn(s);
  return { values: s.values, counts, ...(counts && s.status === 'submitted' ? { standing: 'provisional' as const } : {}) };
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

