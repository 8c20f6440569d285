import { Direction } from './indicator';

/**
 * A composite index as the DTI computes one: each component indicator normalised to 0–1 and
 * weighted by its maximum points; the score is the weighted sum, published as score / maximum.
 */
export interface IndexComponent {
  code: string;
  /** Points the component carries (DTI: digital infrastructure 100 of 1000). */
  weight: number;
  /** 0–1, or null when the component could not be measured. */
  normalised: number | null;
}

export interface IndexScore {
  score: number;
  maximum: number;
  /** score / maximum, 0–1. */
  ratio: number;
  /** Components without a value: they score zero and are listed. */
  missing: string[];
}

/** Places a value between the worst and best it can be, as 0–1, clamped. */
export function normalise(value: number, range: { worst: number; best: number }): number {
  if (range.best === range.worst) throw new RangeError('a normalisation range needs two different ends');
  return Math.min(1, Math.max(0, (value - range.worst) / (range.best - range.worst)));
}

/** A rank of n (1 is best) as 0–1: first is 1, last is 0. */
export function normaliseRank(rank: number, of: number, direction: Direction = 'lower-is-better'): number {
  const r = direction === 'lower-is-better' ? rank : of + 1 - rank;
  return of <= 1 ? 1 : normalise(r, { worst: of, best: 1 });
}

export function indexScore(components: IndexComponent[]): IndexScore {
  if (components.some((c) => !(c.weight > 0))) throw new RangeError('every component needs a positive weight');
  if (components.some((c) => c.normalised !== null && (c.normalised < 0 || c.normalised > 1))) throw new RangeError('normalised values must be 0–1');
  const maximum = components.reduce((s, c) => s + c.weight, 0);
  const score = components.reduce((s, c) => s + c.weight * (c.normalised ?? 0), 0);
  return { score, maximum, ratio: maximum === 0 ? 0 : score / maximum, missing: components.filter((c) => c.normalised === null).map((c) => c.code) };
}

/** The weights of the provincial DTI (Decision 922/QĐ-BTTTT, 2022): 1000 points. */
export const DTI_2022_WEIGHTS: Readonly<Record<string, number>> = {
  'digital-awareness': 100,
  'digital-institutions': 100,
  'digital-infrastructure': 100,
  'digital-human-resources': 100,
  'cyber-security': 100,
  'digital-government': 200,
  'digital-economy': 150,
  'digital-society': 150,
};
