import fc from 'fast-check';
import {
  addTotals,
  aggregateValue,
  approvedTotals,
  ContributedValue,
  Contribution,
  contributionDelta,
  EMPTY_TOTALS,
  kindOfValue,
  milestoneValue,
  Standing,
  standingOf,
  supersedes,
  totalsFromContributions,
} from './contribution';

describe('folding unit contributions into aggregates', () => {
  it('returns 86.0% when district parts sum to 630,485 / 732,908', () => {
    const districts: ContributedValue[] = [
      { numerator: 210_000, denominator: 240_000 },
      { numerator: 300_485, denominator: 352_908 },
      { numerator: 120_000, denominator: 140_000 },
    ];
    const totals = totalsFromContributions(districts);
    expect(totals.numerator).toBe(630_485);
    expect(totals.denominator).toBe(732_908);
    expect(aggregateValue(totals, 'ratio')).toBeCloseTo(0.86, 2);
    expect(totals.reporting).toBe(3);
  });

  it('does not average percentages: a large unit weighs more than a small one', () => {
    const totals = totalsFromContributions([
      { numerator: 9, denominator: 10 },
      { numerator: 100, denominator: 1000 },
    ]);
    expect(aggregateValue(totals, 'ratio')).toBeCloseTo(109 / 1010);
    expect(aggregateValue(totals, 'ratio')).not.toBeCloseTo((0.9 + 0.1) / 2);
  });

  it('sums counts, counts milestones done, and shows nothing when nobody reported', () => {
    expect(aggregateValue(totalsFromContributions([{ value: 1396 }, { value: 4 }]), 'sum')).toBe(1400);
    expect(aggregateValue(totalsFromContributions([{ done: true }, { done: false }, { done: true }]), 'milestone')).toBe(2);
    expect(aggregateValue(EMPTY_TOTALS, 'sum')).toBeNull();
    expect(aggregateValue(totalsFromContributions([{ numerator: 0, denominator: 0 }]), 'ratio')).toBeNull();
  });

  it('infers the aggregation kind from the shape of a value', () => {
    expect(kindOfValue({ numerator: 1, denominator: 2 })).toBe('ratio');
    expect(kindOfValue({ done: false })).toBe('milestone');
    expect(kindOfValue({ value: 3 })).toBe('sum');
  });

  it('applies only newer revisions, so duplicates and late arrivals change nothing', () => {
    const applied: Contribution = { revision: 3, value: 10 };
    expect(supersedes(1, undefined)).toBe(true);
    expect(supersedes(4, applied)).toBe(true);
    expect(supersedes(3, applied)).toBe(false);
    expect(supersedes(2, applied)).toBe(false);
  });

  it('withdraws a contribution entirely when a report is returned', () => {
    const delta = contributionDelta({ numerator: 5, denominator: 8 }, undefined);
    expect(delta).toMatchObject({ sum: 0, numerator: -5, denominator: -8, done: 0, reporting: -1, provisional: 0, correcting: 0 });
  });

  const value = fc.oneof(
    fc.record({ value: fc.integer({ min: 0, max: 1_000_000 }) }),
    fc.integer({ min: 1, max: 1_000_000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) })),
    fc.record({ done: fc.boolean() }),
  );

  it('is order-independent and equals the sum of its parts', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), fc.infiniteStream(fc.nat()), (values, randoms) => {
        const shuffled = [...values]
          .map((v) => ({ v, r: randoms.next().value }))
          .sort((a, b) => a.r - b.r)
          .map(({ v }) => v);
        expect(totalsFromContributions(shuffled)).toEqual(totalsFromContributions(values));
      }),
    );
  });

  it('a ratio folded up two levels equals the ratio of all summed parts', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 8 }), { maxLength: 8 }), (districts) => {
        const districtTotals = districts.map((communes) => totalsFromContributions(communes));
        const province = districtTotals.reduce(addTotals, EMPTY_TOTALS);
        expect(province).toEqual(totalsFromContributions(districts.flat()));
      }),
    );
  });

  const standing = fc.constantFrom<Standing | undefined>(undefined, 'provisional', 'correcting');

  it('folding a random sequence of revisions incrementally equals folding the latest revisions from scratch', () => {
    const event = fc.record({ unit: fc.integer({ min: 0, max: 5 }), revision: fc.integer({ min: 1, max: 6 }), value: fc.tuple(value, standing).map(([v, s]) => ({ ...v, ...(s ? { standing: s } : {}) })), returned: fc.boolean() });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const latest = new Map<number, Contribution & { returned: boolean }>();
        let running = EMPTY_TOTALS;
        for (const e of events) {
          const applied = latest.get(e.unit);
          if (!supersedes(e.revision, applied)) continue;
          const before = applied && !applied.returned ? applied : undefined;
          const after = e.returned ? undefined : e.value;
          running = addTotals(running, contributionDelta(before, after));
          latest.set(e.unit, { ...e.value, revision: e.revision, returned: e.returned });
        }
        const fromScratch = totalsFromContributions([...latest.values()].filter((c) => !c.returned));
        expect(running).toEqual(fromScratch);
      }),
    );
  });

  it('counts the units not final, and the totals as approved leave out exactly the provisional ones', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, standing), { maxLength: 30 }), (units) => {
        const contributions: ContributedValue[] = units.map(([v, s]) => ({ ...v, ...(s ? { standing: s } : {}) }));
        const totals = totalsFromContributions(contributions);
        expect(standingOf(totals)).toEqual({ provisional: units.filter(([, s]) => s === 'provisional').length, correcting: units.filter(([, s]) => s === 'correcting').length });
        const approvedOnly = totalsFromContributions(contributions.filter((c) => c.standing !== 'provisional'));
        expect(approvedTotals(totals)).toEqual({ ...approvedOnly, correcting: totals.correcting });
      }),
    );
  });

  it('shows 87.40% as approved while one district of ten awaits approval of its first report', () => {
    const approved = Array.from({ length: 9 }, (): ContributedValue => ({ numerator: 874, denominator: 1000 }));
    const totals = totalsFromContributions([...approved, { numerator: 1000, denominator: 1000, standing: 'provisional' }]);
    expect(aggregateValue(totals, 'ratio')).toBeCloseTo(0.8866, 4);
    expect(aggregateValue(approvedTotals(totals), 'ratio')).toBeCloseTo(0.874, 10);
    expect(approvedTotals(totals).reporting).toBe(9);
  });

  it('reads totals folded before standings existed as all final', () => {
    const legacy = { sum: 5, numerator: 0, denominator: 0, done: 0, reporting: 1 };
    expect(standingOf(legacy)).toEqual({ provisional: 0, correcting: 0 });
    expect(addTotals(legacy, contributionDelta(undefined, { value: 2, standing: 'provisional' }))).toMatchObject({ sum: 7, reporting: 2, provisional: 1, provisionalSum: 2 });
  });

  it('applying the same revision twice changes nothing', () => {
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 100 }), (v, revision) => {
        const applied: Contribution = { ...v, revision };
        expect(supersedes(revision, applied)).toBe(false);
      }),
    );
  });
});

describe('a milestone under its rule (milestoneAggregation)', () => {
  // 7 of 11 districts done, all reported (the provincial review's case).
  const districts = [...Array<boolean>(7).fill(true), ...Array<boolean>(4).fill(false)];
  const sevenOfEleven = totalsFromContributions(districts.map((done) => ({ done })));

  it('"all" is not done while 4 of 11 districts are not, "any" is done, "count" counts 7', () => {
    expect(milestoneValue(sevenOfEleven, 'all', districts)).toBe(0);
    expect(milestoneValue(sevenOfEleven, 'any', districts)).toBe(1);
    expect(milestoneValue(sevenOfEleven, 'count', districts)).toBe(7);
  });

  it('"all" counts a missing report as not done, and does not let a report from above stand in for it', () => {
    const tenDone = totalsFromContributions(Array(10).fill({ done: true }));
    expect(milestoneValue(tenDone, 'all', [...Array<boolean>(10).fill(true), undefined])).toBe(0);
    // Two districts and two of their four communes report done: the communes make up the value.
    const mixed = totalsFromContributions(Array(4).fill({ done: true }));
    expect(milestoneValue(mixed, 'all', [true, true, undefined, undefined])).toBe(0);
    expect(milestoneValue(totalsFromContributions(Array(11).fill({ done: true })), 'all', Array<boolean>(11).fill(true))).toBe(1);
    expect(milestoneValue(EMPTY_TOTALS, 'all', Array<boolean>(11).fill(true))).toBeNull();
  });

  it('equals the rule applied to the expected units one by one, for any reports and missing ones', () => {
    const report = fc.option(fc.boolean(), { nil: undefined });
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 30 }), fc.constantFrom('all' as const, 'any' as const, 'count' as const), (expected, rule) => {
        const reports = expected.filter((r): r is boolean => r !== undefined);
        const totals = totalsFromContributions(reports.map((done) => ({ done })));
        const want = reports.length === 0 ? null : rule === 'count' ? reports.filter(Boolean).length : rule === 'any' ? Number(reports.some(Boolean)) : Number(expected.every((r) => r === true));
        expect(milestoneValue(totals, rule, expected)).toBe(want);
      }),
    );
  });
});
