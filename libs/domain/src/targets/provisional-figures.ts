import { AggregateTotals, standingOf } from '../aggregation/contribution';

/**
 * Whether a scorecard figure is final. Provisional when some unit it counts has a figure awaiting
 * approval (a form that counts submitted reports) or is counted at its approved figure while a
 * correction of it awaits approval; then `approvedActual` is the figure as approved, without what
 * awaits approval (equal to the figure when only corrections are pending, since those still count
 * at their approved values).
 */
export interface FigureStanding {
  provisional: boolean;
  provisionalUnits: number;
  correctingUnits: number;
  approvedActual?: number | null;
}

/** A figure's standing from its aggregate's totals (none: nothing reported, so nothing provisional). */
export function figureStanding(totals: AggregateTotals | undefined, approvedActual: () => number | null): FigureStanding {
  const { provisional, correcting } = totals ? standingOf(totals) : { provisional: 0, correcting: 0 };
  if (provisional + correcting === 0) return { provisional: false, provisionalUnits: 0, correctingUnits: 0 };
  return { provisional: true, provisionalUnits: provisional, correctingUnits: correcting, approvedActual: approvedActual() };
}

export interface ProvisionalSummary {
  provisional: boolean;
  /** Figures (target lines) that are provisional. */
  provisionalTargets: number;
  /** What a reader must know, in both languages; absent when every figure is final. */
  provisionalNote?: { en: string; vi: string };
}

/** The scorecard's word on its provisional figures: "2 of 30 figures are provisional: …". */
export function describeProvisional(figures: readonly FigureStanding[]): ProvisionalSummary {
  const provisional = figures.filter((f) => f.provisional).length;
  if (provisional === 0) return { provisional: false, provisionalTargets: 0 };
  const awaiting = figures.filter((f) => f.provisionalUnits > 0).length;
  const correcting = figures.filter((f) => f.correctingUnits > 0).length;
  const en = [
    awaiting > 0 ? `${awaiting} ${awaiting === 1 ? 'counts' : 'count'} reports not yet approved` : '',
    correcting > 0 ? `${correcting} ${correcting === 1 ? 'keeps' : 'keep'} the approved figures while a correction awaits approval` : '',
  ].filter(Boolean);
  const vi = [
    awaiting > 0 ? `${awaiting} chỉ tiêu gồm số liệu chưa được phê duyệt` : '',
    correcting > 0 ? `${correcting} chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh` : '',
  ].filter(Boolean);
  return {
    provisional: true,
    provisionalTargets: provisional,
    provisionalNote: {
      en: `${provisional} of ${figures.length} ${figures.length === 1 ? 'figure' : 'figures'} ${provisional === 1 ? 'is' : 'are'} provisional: ${en.join('; ')}`,
      vi: `${provisional}/${figures.length} chỉ tiêu có số liệu tạm thời: ${vi.join('; ')}`,
    },
  };
}
