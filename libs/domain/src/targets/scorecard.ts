import { LocalDate } from '../calendar/local-date';
import { gapToTarget, Progress, progressOf, Target, targetStatus, TargetStatus } from './target';

export interface StatusCounts {
  total: number;
  achieved: number;
  notAchieved: number;
  notMeasurable: number;
  onTrack: number;
  atRisk: number;
}

export interface ScorecardLine {
  target: Target;
  actual: number | null;
  status: TargetStatus;
  gap: number | null;
  progress?: Progress;
  /** Actual minus the previous period's actual, when both are known. */
  change?: number;
}

export interface Scorecard {
  overall: StatusCounts;
  pillars: Array<{ pillar: string; counts: StatusCounts }>;
  lines: ScorecardLine[];
}

export interface ScorecardInput {
  targets: Target[];
  /** Actual values by indicator code; missing or null means no data. */
  actuals: ReadonlyMap<string, number | null>;
  previous?: ReadonlyMap<string, number | null>;
  /** The date progress is judged at (the period's cut-off). */
  asOf?: LocalDate;
  /** Pillars in the order a programme presents them; others follow in order of appearance. */
  pillarOrder?: string[];
}

const EMPTY: StatusCounts = { total: 0, achieved: 0, notAchieved: 0, notMeasurable: 0, onTrack: 0, atRisk: 0 };

function count(lines: ScorecardLine[]): StatusCounts {
  return lines.reduce(
    (c, l) => ({
      total: c.total + 1,
      achieved: c.achieved + (l.status === 'achieved' ? 1 : 0),
      notAchieved: c.notAchieved + (l.status === 'not-achieved' ? 1 : 0),
      notMeasurable: c.notMeasurable + (l.status === 'not-measurable' ? 1 : 0),
      onTrack: c.onTrack + (l.progress === 'on-track' ? 1 : 0),
      atRisk: c.atRisk + (l.progress === 'at-risk' ? 1 : 0),
    }),
    EMPTY,
  );
}

/** Per pillar and overall: how many targets are achieved, not achieved, not measurable, on track, at risk. */
export function buildScorecard(input: ScorecardInput): Scorecard {
  const lines = input.targets.map((target): ScorecardLine => {
    const actual = input.actuals.get(target.indicatorCode) ?? null;
    const before = input.previous?.get(target.indicatorCode) ?? null;
    const progress = input.asOf ? progressOf(target, actual, input.asOf) : undefined;
    return {
      target,
      actual,
      status: targetStatus(target, actual),
      gap: gapToTarget(target, actual),
      ...(progress ? { progress } : {}),
      ...(actual !== null && before !== null ? { change: actual - before } : {}),
    };
  });
  const order = [...(input.pillarOrder ?? []), ...input.targets.map((t) => t.pillar)].filter((p, i, all) => all.indexOf(p) === i);
  const pillars = order
    .map((pillar) => ({ pillar, counts: count(lines.filter((l) => l.target.pillar === pillar)) }))
    .filter((p) => p.counts.total > 0);
  return { overall: count(lines), pillars, lines };
}

/** The scorecard in the words of a review: "21/30 achieved, 4 not achieved, 3 not measurable". */
export function describeCounts(c: StatusCounts): { en: string; vi: string; ratio: string } {
  const ratio = `${c.achieved}/${c.total}`;
  return {
    ratio,
    en: `${ratio} achieved, ${c.notAchieved} not achieved, ${c.notMeasurable} not measurable`,
    vi: `${ratio} chỉ tiêu đạt, ${c.notAchieved} chỉ tiêu không đạt, ${c.notMeasurable} chỉ tiêu không đánh giá được`,
  };
}
