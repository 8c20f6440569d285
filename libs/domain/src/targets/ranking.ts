import { Direction } from '../indicators/indicator';

export interface RankedUnit {
  unitId: string;
  value: number | null;
  /** Competition ranking: equal values share a rank and the next rank skips (1, 2, 2, 4). Null without a value. */
  rank: number | null;
}

const EPSILON = 1e-9;

/** Ranks units on an indicator: best first; units without a value come last, unranked. */
export function rankUnits(entries: Array<{ unitId: string; value: number | null }>, direction: Direction): RankedUnit[] {
  const valued = entries.filter((e): e is { unitId: string; value: number } => e.value !== null && Number.isFinite(e.value));
  const sign = direction === 'higher-is-better' ? -1 : 1;
  valued.sort((a, b) => sign * (a.value - b.value) || a.unitId.localeCompare(b.unitId));
  const ranked: RankedUnit[] = [];
  valued.forEach((e, i) => {
    const previous = valued[i - 1];
    const tied = previous !== undefined && Math.abs(previous.value - e.value) <= EPSILON;
    ranked.push({ unitId: e.unitId, value: e.value, rank: tied ? (ranked[i - 1]?.rank ?? null) : i + 1 });
  });
  const unranked = entries
    .filter((e) => e.value === null || !Number.isFinite(e.value))
    .map((e) => ({ unitId: e.unitId, value: null, rank: null }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
  return [...ranked, ...unranked];
}
