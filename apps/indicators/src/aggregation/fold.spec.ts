import { ReportSubmission } from '@dtp/contracts';
import { aggregateValue, approvedTotals, standingOf } from '@dtp/domain';
import fc from 'fast-check';
import { AppliedState, emptyUnitPeriod, foldSubmissions, statesAlsoTouched, statesTouchedBy, TargetsOf, UnitPeriodState } from './fold';

/** Two districts, each with two communes, under province P; a stray unit the map does not know. */
const PARENT: Record<string, string> = { c1: 'd1', c2: 'd1', c3: 'd2', c4: 'd2', d1: 'P', d2: 'P' };
const targetsOf: TargetsOf = (unit, province) => {
  if (unit !== province && !(unit in PARENT)) return [unit, province];
  const chain = [unit];
  while (PARENT[chain.at(-1)!]) chain.push(PARENT[chain.at(-1)!]!);
  return chain;
};

const step = fc.record({
  unit: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'd1', 'stray'),
  form: fc.constantFrom('F', 'G'),
  period: fc.constantFrom('2024', '2025'),
  revision: fc.integer({ min: 1, max: 6 }),
  status: fc.constantFrom('submitted', 'submitted', 'approved', 'returned') as fc.Arbitrary<ReportSubmission.Status>,
  countable: fc.option(fc.boolean(), { nil: undefined }),
  late: fc.boolean(),
  // Often absent, so that an approved revision's indicators are not always carried by the next.
  count: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined, freq: 2 }),
  ratio: fc.option(fc.integer({ min: 1, max: 1000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) })), { nil: undefined }),
  done: fc.option(fc.boolean(), { nil: undefined }),
  duplicate: fc.boolean(),
  // The figures of an earlier approved revision, as the reports service sends them beside a correction.
  approvedCount: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
});
type Step = Omit<typeof step extends fc.Arbitrary<infer T> ? T : never, 'unit' | 'period'> & { unit: string; period: string };

function payloadOf(s: Step): ReportSubmission.Payload {
  return {
    kind: s.revision === 1 ? 'submitted' : 'revised',
    submissionId: `${s.unit}/${s.form}/${s.period}`,
    provinceCode: 'P',
    unitCode: s.unit,
    formCode: s.form,
    period: s.period,
    revision: s.revision,
    status: s.status,
    values: [
      ...(s.count === undefined ? [] : [{ indicatorCode: `BTS_${s.form}`, value: s.count }]),
      ...(s.ratio === undefined ? [] : [{ indicatorCode: `DOSSIERS_${s.form}`, ...s.ratio }]),
      ...(s.done === undefined ? [] : [{ indicatorCode: `PLAN_${s.form}`, done: s.done }]),
    ],
    late: s.late,
    ...(s.countable === undefined ? {} : { countable: s.countable }),
    ...(s.approvedCount === undefined || s.revision === 1 ? {} : { approved: { revision: s.revision - 1, values: [{ indicatorCode: `BTS_${s.form}`, value: s.approvedCount }] } }),
    changedAt: '2025-01-01T00:00:00Z',
    changedBy: 'test',
  };
}

/** A delivery: every step in order, duplicates delivered twice, as the broker may. */
const deliveryOf = (steps: Step[]) => steps.flatMap((s) => (s.duplicate ? [payloadOf(s), payloadOf(s)] : [payloadOf(s)]));

/** Folds events in the given groups (batches), carrying the stored state across, as the service does. */
function foldInBatches(batches: ReportSubmission.Payload[][], hierarchyOf: (batch: number) => TargetsOf = () => targetsOf) {
  const stored = new Map<string, UnitPeriodState>();
  const applied = new Map<string, AppliedState>();
  const latest = new Map<string, ReportSubmission.Payload>();
  const late: string[] = [];
  for (const [n, batch] of batches.entries()) {
    const targets = hierarchyOf(n);
    const read = (refs: Array<{ _id: string; provinceCode: string; unitCode: string; period: string }>) => refs.map((t) => [t._id, structuredClone(stored.get(t._id)) ?? emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)] as const);
    const states = new Map(read(statesTouchedBy(batch, targets)));
    for (const [id, state] of read(statesAlsoTouched(batch, states))) states.set(id, state);
    const outcome = foldSubmissions(batch, states, applied, targets);
    for (const [id, { state }] of outcome.changed) stored.set(id, state);
    for (const [id, s] of outcome.applied) latest.set(id, s);
    late.push(...outcome.newlyLate.map((s) => s.submissionId));
  }
  return { stored, latest, late };
}

/** What readers see: every aggregate's value, reporting units, how many are not final and the figure as approved. */
function visible(stored: Map<string, UnitPeriodState>) {
  const out: Record<string, { value: number | null; reporting: number; provisional: number; correcting: number; approved: number | null }> = {};
  for (const state of stored.values()) {
    for (const [code, a] of Object.entries(state.indicators)) {
      if (a.totals.reporting > 0) out[`${state._id}/${code}`] = { value: aggregateValue(a.totals, a.kind), reporting: a.totals.reporting, ...standingOf(a.totals), approved: aggregateValue(approvedTotals(a.totals), a.kind) };
    }
  }
  return out;
}

/** Splits a list at the given cut points (a random batching of the same delivery). */
function split<T>(items: T[], cuts: number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const p of [...points, items.length]) {
    if (p > from) out.push(items.slice(from, p));
    from = Math.max(from, p);
  }
  return out;
}

describe('the fold of submissions', () => {
  it('gives the same aggregates batched, one by one, and rebuilt from the latest revisions, for any history', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 6 }), (steps, cuts) => {
        const delivery = deliveryOf(steps);
        const oneByOne = foldInBatches(delivery.map((e) => [e]));
        const batched = foldInBatches(split(delivery, cuts));
        const wholeBatch = foldInBatches([delivery]);
        // The rebuild: the latest applied revision of each submission, folded once into empty state.
        const rebuilt = foldInBatches([[...oneByOne.latest.values()]]);
        expect(visible(batched.stored)).toEqual(visible(oneByOne.stored));
        expect(visible(wholeBatch.stored)).toEqual(visible(oneByOne.stored));
        expect(visible(rebuilt.stored)).toEqual(visible(oneByOne.stored));
        expect(batched.late).toEqual(oneByOne.late);
      }),
      { numRuns: 300 },
    );
  });

  it('sums ratio parts at every level: 86.0% of the province from districts’ 630,485 / 732,908', () => {
    const parts: Array<[string, number, number]> = [['c1', 210_000, 240_000], ['c3', 300_485, 352_908], ['d1', 120_000, 140_000]];
    const events = parts.map(([unit, numerator, denominator]) => ({ ...payloadOf({ unit, form: 'F', period: '2023', revision: 1, status: 'approved', countable: undefined, late: false, count: undefined, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined }), values: [{ indicatorCode: 'DOSSIERS', numerator, denominator }] }));
    const { stored } = foldInBatches([events]);
    const province = stored.get('P:2023')!.indicators['DOSSIERS']!;
    expect(province.totals).toMatchObject({ numerator: 630_485, denominator: 732_908, reporting: 3 });
    expect(Math.round(aggregateValue(province.totals, province.kind)! * 1000) / 10).toBe(86.0);
    expect(stored.get('d1:2023')!.indicators['DOSSIERS']!.totals).toMatchObject({ numerator: 330_000, denominator: 380_000, reporting: 2 });
  });

  it('writes each touched unit-period once per batch and records the value each indicator had before it', () => {
    const events = ['c1', 'c2', 'c3'].map((unit) => ({ ...payloadOf({ unit, form: 'F', period: '2024', revision: 1, status: 'submitted', countable: undefined, late: false, count: 5, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined }) }));
    const states = new Map(statesTouchedBy(events, targetsOf).map((t) => [t._id, emptyUnitPeriod(t.provinceCode, t.unitCode, t.period)]));
    expect([...states.keys()].sort()).toEqual(['P:2024', 'c1:2024', 'c2:2024', 'c3:2024', 'd1:2024', 'd2:2024']);
    const outcome = foldSubmissions(events, states, new Map(), targetsOf);
    expect(outcome.changed.get('P:2024')!.before.get('BTS_F')).toBeNull();
    expect(outcome.changed.get('P:2024')!.state.indicators['BTS_F']!.totals).toMatchObject({ sum: 15, reporting: 3 });
  });

  it('refuses to fold into a state nobody read, rather than counting from nothing', () => {
    const event = payloadOf({ unit: 'c1', form: 'F', period: '2024', revision: 1, status: 'submitted', countable: undefined, late: false, count: 1, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined });
    expect(() => foldSubmissions([event], new Map(), new Map(), targetsOf)).toThrow(/was not read/);
  });

  it('takes a unit’s earlier revision out of the ancestors it was counted in when the hierarchy moved it, as a rebuild would', () => {
    const event = (revision: number, count: number) => ({ ...payloadOf({ unit: 'c1', form: 'F', period: '2025', revision, status: 'submitted', countable: undefined, late: false, count, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined }) });
    // c1 reports under d1, then is moved to d2 (a merger), then revises its report.
    const movedTo: TargetsOf = (unit, province) => (unit === 'c1' ? ['c1', 'd2', province] : targetsOf(unit, province, '2025-12-31'));
    const folded = foldInBatches([[event(1, 10)], [event(2, 12)]], (n) => (n === 0 ? targetsOf : movedTo));
    const rebuilt = foldInBatches([[event(2, 12)]], () => movedTo);
    expect(visible(folded.stored)).toEqual(visible(rebuilt.stored));
    expect(folded.stored.get('d1:2025')!.indicators['BTS_F']!.totals).toMatchObject({ sum: 0, reporting: 0 });
    expect(folded.stored.get('d2:2025')!.indicators['BTS_F']!.totals).toMatchObject({ sum: 12, reporting: 1 });
    expect(folded.stored.get('P:2025')!.indicators['BTS_F']!.totals).toMatchObject({ sum: 12, reporting: 1 });
  });

  describe('approvals and corrections', () => {
    const report = (unit: string, revision: number, status: ReportSubmission.Status, count: number, extra: Partial<ReportSubmission.Payload> = {}): ReportSubmission.Payload => ({
      ...payloadOf({ unit, form: 'F', period: '2025', revision, status, countable: status === 'approved', late: false, count, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined }),
      ...extra,
    });
    const province = (stored: Map<string, UnitPeriodState>) => visible(stored)['P:2025/BTS_F'];
    const approvedAt2 = { approved: { revision: 2, values: [{ indicatorCode: 'BTS_F', value: 10 }] } };

    it('keeps an approved figure counted, under correction, while its correction awaits approval; the approval moves it', () => {
      const history = [report('d1', 1, 'submitted', 10), report('c3', 1, 'approved', 5), report('d1', 2, 'approved', 10), report('d1', 3, 'submitted', 14, approvedAt2)];
      const corrected = foldInBatches([history]);
      expect(province(corrected.stored)).toEqual({ value: 15, reporting: 2, provisional: 0, correcting: 1, approved: 15 });
      expect(corrected.stored.get('d1:2025')!.indicators['BTS_F']!.own).toMatchObject({ value: 10, standing: 'correcting', revision: 3 });

      const reapproved = foldInBatches([history, [report('d1', 4, 'approved', 14)]]);
      expect(province(reapproved.stored)).toEqual({ value: 19, reporting: 2, provisional: 0, correcting: 0, approved: 19 });
      expect(visible(reapproved.stored)).toEqual(visible(foldInBatches([[...reapproved.latest.values()]]).stored));
    });

    it('counts the approved figure as final again when the correction is returned', () => {
      const history = [report('d1', 1, 'approved', 10), report('d1', 2, 'submitted', 14, { approved: { revision: 1, values: [{ indicatorCode: 'BTS_F', value: 10 }] } })];
      const returned = foldInBatches([history, [report('d1', 3, 'returned', 14, { approved: { revision: 1, values: [{ indicatorCode: 'BTS_F', value: 10 }] } })]]);
      expect(province(returned.stored)).toEqual({ value: 10, reporting: 1, provisional: 0, correcting: 0, approved: 10 });
    });

    it('marks figures counted before approval provisional, and leaves them out of the figure as approved', () => {
      const folded = foldInBatches([[report('d1', 1, 'approved', 10), report('c3', 1, 'submitted', 7, { countable: true })]]);
      expect(province(folded.stored)).toEqual({ value: 17, reporting: 2, provisional: 1, correcting: 0, approved: 10 });
      const approved = foldInBatches([[report('d1', 1, 'approved', 10), report('c3', 1, 'submitted', 7, { countable: true }), report('c3', 2, 'approved', 7)]]);
      expect(province(approved.stored)).toEqual({ value: 17, reporting: 2, provisional: 0, correcting: 0, approved: 17 });
    });

    it('withdraws an indicator the approved revision carried and the re-approved one does not', () => {
      const both = (count: number) => [{ indicatorCode: 'BTS_F', value: count }, { indicatorCode: 'PLAN_F', done: true }];
      const history = [
        { ...report('d1', 1, 'approved', 0), values: both(10) },
        report('d1', 2, 'submitted', 12, { approved: { revision: 1, values: both(10) } }),
        report('d1', 3, 'approved', 12),
      ];
      const folded = foldInBatches(history.map((e) => [e]));
      expect(visible(folded.stored)['P:2025/PLAN_F']).toBeUndefined();
      expect(visible(folded.stored)).toEqual(visible(foldInBatches([[history[2]!]]).stored));
    });
  });

  it('takes a report first folded outside the hierarchy out of the province alone once its unit is placed', () => {
    const event = (revision: number, count: number) => ({ ...payloadOf({ unit: 'stray', form: 'F', period: '2025', revision, status: 'submitted', countable: undefined, late: false, count, ratio: undefined, done: undefined, duplicate: false, approvedCount: undefined }) });
    const placed: TargetsOf = (unit, province) => (unit === 'stray' ? ['stray', 'd1', province] : targetsOf(unit, province, '2025-12-31'));
    const folded = foldInBatches([[event(1, 10)], [event(2, 12)]], (n) => (n === 0 ? targetsOf : placed));
    expect(folded.stored.get('d1:2025')!.indicators['BTS_F']!.totals).toMatchObject({ sum: 12, reporting: 1 });
    expect(folded.stored.get('P:2025')!.indicators['BTS_F']!.totals).toMatchObject({ sum: 12, reporting: 1 });
    expect(visible(folded.stored)).toEqual(visible(foldInBatches([[event(2, 12)]], () => placed).stored));
  });
});
