import { milestoneValue, totalsFromContributions } from '../aggregation/contribution';
import { IndicatorDefinition, IndicatorValue } from './indicator';

export interface UnitValue {
  unitId: string;
  value: IndicatorValue;
}

export interface IndicatorAggregate {
  /** Null when nothing was reported, the denominator is zero, or the kind cannot be derived. */
  value: number | null;
  /** Expected units that reported. */
  reported: number;
  expected: number;
  /** False for kinds entered at province level only (percentages, ranks, indices). */
  derivable: boolean;
}

/**
 * Folds the values of the units expected to report into the value of their ancestor. Values of
 * units that were not expected (a unit outside the hierarchy of that period) are left out, so
 * counts never pass 100 %.
 */
export function aggregateIndicator(def: IndicatorDefinition, values: UnitValue[], expectedUnitIds: Iterable<string>): IndicatorAggregate {
  const expected = new Set(expectedUnitIds);
  const counted = values.filter((v) => expected.has(v.unitId));
  const base = { reported: new Set(counted.map((v) => v.unitId)).size, expected: expected.size };
  switch (def.kind) {
    case 'province-percentage':
    case 'rank':
    case 'index':
      return { ...base, value: null, derivable: false };
    case 'milestone': {
      // Missing reports count as not done: "all" means all expected units, not all who answered.
      const totals = totalsFromContributions(counted.map((c) => ('done' in c.value ? { done: c.value.done } : {})));
      const doneOf = new Map(counted.map((c) => [c.unitId, 'done' in c.value && c.value.done]));
      return { ...base, value: milestoneValue(totals, def.milestoneAggregation ?? 'count', [...expected].map((id) => doneOf.get(id))), derivable: true };
    }
    case 'count':
    case 'ratio': {
      const totals = totalsFromContributions(counted.map((c) => c.value));
      if (base.reported === 0) return { ...base, value: null, derivable: true };
      if (def.kind === 'count') return { ...base, value: totals.sum, derivable: true };
      return { ...base, value: totals.denominator === 0 ? null : totals.numerator / totals.denominator, derivable: true };
    }
  }
}
