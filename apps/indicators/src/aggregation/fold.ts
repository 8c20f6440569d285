import { ReportSubmission } from '@dtp/contracts';
import {
  addTotals,
  AggregateTotals,
  AggregationKind,
  ContributedValue,
  contributionDelta,
  EMPTY_TOTALS,
  kindOfValue,
  LocalDate,
  supersedes,
} from '@dtp/domain';
import { carriedValuesOf, contributionOf, periodEndOf, valueOf } from './submission-rules';

/**
 * The fold of `reports.submission.v1` into aggregates, as a pure function over the state it
 * reads: the same code folds one event, a batch of events, or (from empty state) every applied
 * submission of a province in a rebuild. Idempotent by revision at two levels: a submission's
 * older or equal revision changes nothing, and neither does a revision the reporting unit's own
 * state already holds for an indicator.
 *
 * Each unit-period holds its totals and the unit's own contribution, nothing about other units:
 * a report changes its unit's contribution, and the difference is added to the totals of the
 * unit and of every level above it. The state a batch writes is therefore small at every level
 * (a province's document does not grow with its communes), and a batch is made atomic by the
 * fold's journal (aggregation.service), not by per-unit bookkeeping at each level.
 */

/** What a reporting unit currently contributes; `withdrawn` once its report was returned. */
export interface AppliedContribution extends ContributedValue {
  revision: number;
  withdrawn: boolean;
  /**
   * The units whose totals count it (the unit and its ancestors when it was folded): a later
   * revision is taken out of these and added to the units above it then, so a unit moved in the
   * hierarchy (or first reported before it was in it) leaves nothing behind at its old ancestors.
   */
  into?: string[];
}

/** One indicator of one unit and period: running totals, and what the unit's own report contributes. */
export interface IndicatorAggregate {
  kind: AggregationKind;
  totals: AggregateTotals;
  /** The unit's own latest revision for this indicator (absent if it never reported it). */
  own?: AppliedContribution;
}

/** Every indicator of one unit (any level) in one period: the unit of storage and of writing. */
export interface UnitPeriodState {
  _id: string;
  provinceCode: string;
  unitCode: string;
  period: string;
  indicators: Record<string, IndicatorAggregate>;
}

/** The latest applied revision of a submission, as the fold needs it. */
export interface AppliedState {
  revision: number;
  late: boolean;
  /** The values the fold carried for it (carriedValuesOf). */
  values: ReportSubmission.Value[];
}

/** Where a unit's report counts: the unit and its ancestors on a date (HierarchyService.targetsOf). */
export type TargetsOf = (unitCode: string, provinceCode: string, on: LocalDate) => string[];

/** An indicator's aggregate as it stood before a batch. */
export interface HeldBefore {
  kind: AggregationKind;
  totals: AggregateTotals;
}

export interface FoldOutcome {
  /** The states written, by id, with the indicators the fold changed and what they held before it (null: nothing). */
  changed: Map<string, { state: UnitPeriodState; before: Map<string, HeldBefore | null>; lastSubmissionId: string }>;
  /** The submissions whose newer revision was applied: their new applied state. */
  applied: Map<string, ReportSubmission.Payload>;
  /** Submissions newly known to be late. */
  newlyLate: ReportSubmission.Payload[];
}

export function unitPeriodIdOf(unitCode: string, period: string): string {
  return `${unitCode}:${period}`;
}

export function emptyUnitPeriod(provinceCode: string, unitCode: string, period: string): UnitPeriodState {
  return { _id: unitPeriodIdOf(unitCode, period), provinceCode, unitCode, period, indicators: {} };
}

/** The unit-period states a set of submissions touches (what to read before folding). */
export function statesTouchedBy(events: readonly ReportSubmission.Payload[], targetsOf: TargetsOf): Array<{ _id: string; provinceCode: string; unitCode: string; period: string }> {
  const touched = new Map<string, { _id: string; provinceCode: string; unitCode: string; period: string }>();
  for (const s of events) {
    for (const unitCode of new Set([s.unitCode, ...targetsOf(s.unitCode, s.provinceCode, periodEndOf(s.period))])) {
      const _id = unitPeriodIdOf(unitCode, s.period);
      if (!touched.has(_id)) touched.set(_id, { _id, provinceCode: s.provinceCode, unitCode, period: s.period });
    }
  }
  return [...touched.values()];
}

/**
 * The unit-period states a batch also touches beyond statesTouchedBy: the units a reporting
 * unit's previous revisions are counted in (`into`) where the hierarchy has moved since. Read the
 * states of statesTouchedBy first, then these, before folding.
 */
export function statesAlsoTouched(events: readonly ReportSubmission.Payload[], states: ReadonlyMap<string, UnitPeriodState>): Array<{ _id: string; provinceCode: string; unitCode: string; period: string }> {
  const extra = new Map<string, { _id: string; provinceCode: string; unitCode: string; period: string }>();
  for (const s of events) {
    const mine = states.get(unitPeriodIdOf(s.unitCode, s.period));
    for (const aggregate of Object.values(mine?.indicators ?? {})) {
      for (const unitCode of aggregate.own?.into ?? []) {
        const _id = unitPeriodIdOf(unitCode, s.period);
        if (!states.has(_id) && !extra.has(_id)) extra.set(_id, { _id, provinceCode: s.provinceCode, unitCode, period: s.period });
      }
    }
  }
  return [...extra.values()];
}

/**
 * Folds submissions, in order, into the states given (mutated in place; every state a submission
 * touches must be present, empty if new) and the applied revisions known (also updated).
 */
export function foldSubmissions(
  events: readonly ReportSubmission.Payload[],
  states: Map<string, UnitPeriodState>,
  applied: Map<string, AppliedState>,
  targetsOf: TargetsOf,
): FoldOutcome {
  const outcome: FoldOutcome = { changed: new Map(), applied: new Map(), newlyLate: [] };
  for (const s of events) {
    const previous = applied.get(s.submissionId);
    if (previous && previous.revision >= s.revision) continue;

    const { values, counts, standing } = contributionOf(s);
    const carried = new Set(values.map((v) => v.indicatorCode));
    const changes: Array<{ indicatorCode: string; kind: AggregationKind; next: ContributedValue | undefined }> = [
      ...values.map((v) => ({ indicatorCode: v.indicatorCode, kind: kindOfValue(v), next: counts ? { ...valueOf(v), ...(standing ? { standing } : {}) } : undefined })),
      // Indicators the previous revision carried and this one does not: withdraw them.
      ...(previous?.values ?? [])
        .map((v) => v.indicatorCode)
        .filter((code) => !carried.has(code))
        .map((indicatorCode) => ({ indicatorCode, kind: 'sum' as AggregationKind, next: undefined })),
    ];
    const targets = [...new Set([s.unitCode, ...targetsOf(s.unitCode, s.provinceCode, periodEndOf(s.period))])];
    const stateOf = (unitCode: string) => {
      const id = unitPeriodIdOf(unitCode, s.period);
      const state = states.get(id);
      if (!state) throw new Error(`fold: state ${id} was not read before folding`);
      return state;
    };
    const mine = stateOf(s.unitCode);
    for (const change of changes) {
      const held = mine.indicators[change.indicatorCode]?.own;
      if (!supersedes(s.revision, held)) continue;
      const counted = held && !held.withdrawn ? held : undefined;
      // Where the previous revision is counted (stored before `into` existed: where it goes now).
      const before = new Set(held?.into ?? targets);
      const own: AppliedContribution = { ...(change.next ?? {}), revision: s.revision, withdrawn: change.next === undefined, into: targets };
      for (const unitCode of new Set([...targets, ...before])) {
        const delta = contributionDelta(before.has(unitCode) ? counted : undefined, targets.includes(unitCode) ? change.next : undefined);
        const state = stateOf(unitCode);
        const current = state.indicators[change.indicatorCode];
        const record = outcome.changed.get(state._id) ?? { state, before: new Map<string, HeldBefore | null>(), lastSubmissionId: s.submissionId };
        if (!record.before.has(change.indicatorCode)) record.before.set(change.indicatorCode, current ? { kind: current.kind, totals: current.totals } : null);
        record.lastSubmissionId = s.submissionId;
        outcome.changed.set(state._id, record);
        const kept = unitCode === s.unitCode ? own : current?.own;
        state.indicators[change.indicatorCode] = {
          kind: current?.kind && change.next === undefined ? current.kind : change.kind,
          totals: addTotals(current?.totals ?? EMPTY_TOTALS, delta),
          ...(kept ? { own: kept } : {}),
        };
      }
    }
    if (s.late && !previous?.late) outcome.newlyLate.push(s);
    applied.set(s.submissionId, { revision: s.revision, late: s.late, values: carriedValuesOf(s) });
    outcome.applied.set(s.submissionId, s);
  }
  return outcome;
}
