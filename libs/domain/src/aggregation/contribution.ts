import type { MilestoneAggregation } from '../indicators/indicator';

/**
 * One unit's contribution to an aggregate: the value of the latest applied revision of its
 * report. Aggregates are kept as running totals, so a new revision is folded in as the
 * difference between what it brings and what the revision it replaces brought.
 */
/**
 * How final a counted figure is. Absent: approved (or counted before approval existed).
 * `provisional`: submitted and counted because its form counts submitted reports, awaiting
 * approval. `correcting`: the approved figure, still counted while a correction of it awaits
 * approval (the correction's own values count only once approved).
 */
export type Standing = 'provisional' | 'correcting';

export interface ContributedValue {
  value?: number;
  numerator?: number;
  denominator?: number;
  done?: boolean;
  standing?: Standing;
}

export interface Contribution extends ContributedValue {
  revision: number;
}

/**
 * Sums of parts, so that a unit's change is folded in as a difference at every level. Besides
 * the figure's parts, how many of the `reporting` units are not final, and what the provisional
 * ones bring to the parts: taken out, they leave the figure as approved (approvedTotals).
 * The standing fields are absent in aggregates folded before they existed: read as 0.
 */
export interface AggregateTotals {
  sum: number;
  numerator: number;
  denominator: number;
  done: number;
  reporting: number;
  /** Units counted with a figure that awaits approval. */
  provisional?: number;
  provisionalSum?: number;
  provisionalNumerator?: number;
  provisionalDenominator?: number;
  provisionalDone?: number;
  /** Units counted at their approved figure while a correction of it awaits approval. */
  correcting?: number;
}

type TotalKey = keyof AggregateTotals;
const KEYS: readonly TotalKey[] = ['sum', 'numerator', 'denominator', 'done', 'reporting', 'provisional', 'provisionalSum', 'provisionalNumerator', 'provisionalDenominator', 'provisionalDone', 'correcting'];

export const EMPTY_TOTALS: Required<AggregateTotals> = Object.freeze(Object.fromEntries(KEYS.map((k) => [k, 0])) as Required<AggregateTotals>);

function totalsOf(c: ContributedValue | undefined): Required<AggregateTotals> {
  if (!c) return EMPTY_TOTALS;
  const sum = c.value ?? 0;
  const numerator = c.numerator ?? 0;
  const denominator = c.denominator ?? 0;
  const done = c.done ? 1 : 0;
  const provisional = c.standing === 'provisional';
  return {
    sum,
    numerator,
    denominator,
    done,
    reporting: 1,
    provisional: provisional ? 1 : 0,
    provisionalSum: provisional ? sum : 0,
    provisionalNumerator: provisional ? numerator : 0,
    provisionalDenominator: provisional ? denominator : 0,
    provisionalDone: provisional ? done : 0,
    correcting: c.standing === 'correcting' ? 1 : 0,
  };
}

function combine(a: AggregateTotals, b: AggregateTotals, sign: 1 | -1): Required<AggregateTotals> {
  return Object.fromEntries(KEYS.map((k) => [k, (a[k] ?? 0) + sign * (b[k] ?? 0)])) as Required<AggregateTotals>;
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
export function contributionDelta(previous: ContributedValue | undefined, next: ContributedValue | undefined): Required<AggregateTotals> {
  return combine(totalsOf(next), totalsOf(previous), -1);
}

export function addTotals(a: AggregateTotals, b: AggregateTotals): Required<AggregateTotals> {
  return combine(a, b, 1);
}

/** Folds a set of unit contributions from scratch: the reference the incremental path must equal. */
export function totalsFromContributions(contributions: Iterable<ContributedValue>): Required<AggregateTotals> {
  let totals: Required<AggregateTotals> = EMPTY_TOTALS;
  for (const c of contributions) totals = addTotals(totals, totalsOf(c));
  return totals;
}

/** How many of the units counted are not final: awaiting approval, or under correction. */
export function standingOf(totals: AggregateTotals): { provisional: number; correcting: number } {
  return { provisional: totals.provisional ?? 0, correcting: totals.correcting ?? 0 };
}

/**
 * The totals as approved: without what provisional units bring (units under correction already
 * count at their approved figure). Equal to the totals when nothing counted awaits approval.
 */
export function approvedTotals(totals: AggregateTotals): Required<AggregateTotals> {
  return {
    sum: totals.sum - (totals.provisionalSum ?? 0),
    numerator: totals.numerator - (totals.provisionalNumerator ?? 0),
    denominator: totals.denominator - (totals.provisionalDenominator ?? 0),
    done: totals.done - (totals.provisionalDone ?? 0),
    reporting: totals.reporting - (totals.provisional ?? 0),
    provisional: 0,
    provisionalSum: 0,
    provisionalNumerator: 0,
    provisionalDenominator: 0,
    provisionalDone: 0,
    correcting: totals.correcting ?? 0,
  };
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
