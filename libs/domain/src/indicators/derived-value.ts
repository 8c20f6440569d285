import { addTotals, AggregateTotals, aggregateValue, AggregationKind, EMPTY_TOTALS } from '../aggregation/contribution';
import { IndicatorKind } from './indicator';

/** A unit whose data another unit took over, with the share it took (1 for a whole merge), and what it had for a period. */
export interface PredecessorPart {
  unitId: string;
  share: number;
  /** The predecessor's aggregate for the period; undefined when it has none. */
  totals?: AggregateTotals;
}

/**
 * Why a value is not derived from predecessors:
 * - `kind-not-derivable`: milestones (a merged commune did not "complete" what one of its parts
 *   did), ranks, the province's own percentages and index scores have no share of a part;
 * - `predecessor-not-reported`: a part is missing, and a sum of the rest would read as a fall.
 */
export type NotDerivedReason = 'kind-not-derivable' | 'predecessor-not-reported';

export type DerivedValue =
  | { derived: true; value: number | null; totals: AggregateTotals }
  | { derived: false; value: null; reason: NotDerivedReason; missing: string[] };

/** Only what adds up can be shared out: counts and sums scale, a ratio's two parts scale. */
const DERIVABLE: Record<IndicatorKind | AggregationKind, 'sum' | 'ratio' | undefined> = {
  count: 'sum',
  sum: 'sum',
  ratio: 'ratio',
  milestone: undefined,
  rank: undefined,
  'province-percentage': undefined,
  index: undefined,
};

export function isDerivableKind(kind: IndicatorKind | AggregationKind): boolean {
  return DERIVABLE[kind] !== undefined;
}

/**
 * A predecessor's totals as the share of it that a successor took: sums and both parts of a ratio
 * scale by the share; `reporting` stays the number of units whose reports stand behind the figure.
 */
export function sharedTotals(totals: AggregateTotals, share: number): AggregateTotals {
  return { sum: totals.sum * share, numerator: totals.numerator * share, denominator: totals.denominator * share, done: 0, reporting: totals.reporting };
}

/**
 * The value a unit would have had for a period before it existed, from the units whose data it
 * took over (OrgUnitHierarchy.predecessorsOn): each predecessor's totals scaled by its share,
 * then added, so a ratio is the quotient of the summed scaled parts, never an average of
 * percentages. A successor made wholly of its predecessors (shares 1) gets exactly the sum of
 * their parts; successors sharing a split unit (shares adding to 1) share its total.
 */
export function derivedFromPredecessors(kind: IndicatorKind | AggregationKind, parts: ReadonlyArray<PredecessorPart>): DerivedValue {
  const as = DERIVABLE[kind];
  if (as === undefined) return { derived: false, value: null, reason: 'kind-not-derivable', missing: [] };
  const missing = parts.filter((p) => p.totals === undefined || p.totals.reporting === 0).map((p) => p.unitId);
  if (parts.length === 0 || missing.length > 0) return { derived: false, value: null, reason: 'predecessor-not-reported', missing };
  const totals = parts.reduce((acc, p) => addTotals(acc, sharedTotals(p.totals as AggregateTotals, p.share)), EMPTY_TOTALS);
  return { derived: true, value: aggregateValue(totals, as), totals };
}
