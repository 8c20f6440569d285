import type { MilestoneAggregation } from '../indicators/indicator';

/**
 * One unit's contribution to an aggregate: the value of the latest applied revision of its
 * report. Aggregates are kept as running totals, so a new revision is folded in as the
 * difference between what it brings and what the revision it replaces brought.
 */
export interface ContributedValue {
  value?: number;
  numerator?: number;
  denominator?: number;
  done?: boolean;
}

export interface Contribution extends ContributedValue {
  revision: number;
}

export interface AggregateTotals {
  sum: number;
  numerator: number;
  denominator: number;
  done: number;
  reporting: number;
}

export const EMPTY_TOTALS: AggregateTotals = Object.freeze({ sum: 0, numerator: 0, denominator: 0, done: 0, reporting: 0 });

function totalsOf(c: ContributedValue | undefined): AggregateTotals {
  if (!c) return EMPTY_TOTALS;
  return {
    sum: c.value ?? 0,
    numerator: c.numerator ?? 0,
    denominator: c.denominator ?? 0,
    done: c.done ? 1 : 0,
    reporting: 1,
  };
}

/**
 * Whether a revision may replace what an aggregate holds for a unit. Equal or older revisions
 * are duplicates or late arrivals and change nothing, which makes consumers idempotent.
 */
export function supersedes(incomingRevision: number, applied: Contribution | undefined): boolean {
  return applied === undefined || incomingRevision > applied.revision;
}

/**
 * What to add to the running totals when `next` replaces `previous`. `next = undefined` withdraws
 * the unit's contribution (a returned report).
 */
export function contributionDelta(previous: ContributedValue | undefined, next: ContributedValue | undefined): AggregateTotals {
  const before = totalsOf(previous);
  const after = totalsOf(next);
  return {
    sum: after.sum - before.sum,
    numerator: after.numerator - before.numerator,
    denominator: after.denominator - before.denominator,
    done: after.done - before.done,
    reporting: after.reporting - before.reporting,
  };
}

export function addTotals(a: AggregateTotals, b: AggregateTotals): AggregateTotals {
  return {
    sum: a.sum + b.sum,
    numerator: a.numerator + b.numerator,
    denominator: a.denominator + b.denominator,
    done: a.done + b.done,
    reporting: a.reporting + b.reporting,
  };
}

/** Folds a set of unit contributions from scratch: the reference the incremental path must equal. */
export function totalsFromContributions(contributions: Iterable<ContributedValue>): AggregateTotals {
  let totals = EMPTY_TOTALS;
  for (const c of contributions) totals = addTotals(totals, totalsOf(c));
  return totals;
}

export type AggregationKind = 'sum' | 'ratio' | 'milestone';

/** The kind a reported value implies: ratio parts, a done flag, or a plain number. */
export function kindOfValue(v: ContributedValue): AggregationKind {
  if (v.numerator !== undefined || v.denominator !== undefined) return 'ratio';
  if (v.done !== undefined) return 'milestone';
  return 'sum';
}

/**
 * The value an aggregate's totals show by themselves: for a ratio the quotient of the summed parts
 * (never an average of percentages), for a milestone the number of units done (its `count` rule;
 * `all` and `any` need the indicator's rule: milestoneValue), otherwise the sum. `null` when
 * nothing was reported or a ratio's denominator is zero.
 */
export function aggregateValue(totals: AggregateTotals, kind: AggregationKind): number | null {
  if (totals.reporting === 0) return null;
  switch (kind) {
    case 'ratio':
      return totals.denominator === 0 ? null : totals.numerator / totals.denominator;
    case 'milestone':
      return totals.done;
    case 'sum':
      return totals.sum;
  }
}

/**
 * A milestone's value under the indicator's rule (`milestoneAggregation`): `count` the units done;
 * `any` 1 when one is done; `all` 1 only when every unit expected to report did, and done, since a
 * missing report counts as not done. `expectedDone` holds, for each unit whose report makes up the
 * value (the finest reporting units below it, or the unit itself), whether its counted report says
 * done (false or undefined: not done or not reported); without it (a unit the hierarchy does not
 * know) every report counted must be done. `null` when nothing was reported.
 */
export function milestoneValue(totals: AggregateTotals, rule: MilestoneAggregation, expectedDone?: ReadonlyArray<boolean | undefined>): number | null {
  if (totals.reporting === 0) return null;
  switch (rule) {
    case 'count':
      return totals.done;
    case 'any':
      return totals.done > 0 ? 1 : 0;
    case 'all':
      if (expectedDone && expectedDone.length > 0) return expectedDone.every((d) => d === true) ? 1 : 0;
      return totals.done === totals.reporting ? 1 : 0;
  }
}
