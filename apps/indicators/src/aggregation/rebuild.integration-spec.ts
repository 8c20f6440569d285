import { Test, TestingModule } from '@nestjs/testing';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import { ReportSubmission } from '@dtp/contracts';
import { KafkaClient, MessagingModule } from '@dtp/messaging';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import fc from 'fast-check';
import { Connection } from 'mongoose';
import { AggregationModule } from './aggregation.module';
import { AggregationService } from './aggregation.service';
import { FoldCache } from './fold-cache';
import { RebuildService } from './rebuild.service';
import { aggregatesIn, UnitAggregate } from './schemas/aggregate.schema';

/**
 * The incremental path and the rebuild must agree: after any history of submissions, revisions,
 * returns, duplicates and late older revisions, rebuilding from the applied submissions gives the
 * same totals the events produced one by one.
 */
describe('rebuilding aggregates (FerretDB)', () => {
  let moduleRef: TestingModule;
  let aggregation: AggregationService;
  let rebuild: RebuildService;
  const env = infraEnv();

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(env.MONGO_URL, { dbName: testDatabaseName('indicators_rebuild') }),
        MessagingModule.forRoot({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'rebuild-test' }, { pollIntervalMs: 500, batchSize: 100 }),
        AggregationModule,
      ],
    }).compile();
    await moduleRef.get(KafkaClient).ensureTopics();
    await moduleRef.init();
    aggregation = moduleRef.get(AggregationService);
    rebuild = moduleRef.get(RebuildService);
  });

  afterAll(async () => {
    await moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await moduleRef.close();
  });

  /** Totals by aggregate, leaving out aggregates nothing counts in any more. */
  const totals = async (provinceCode: string) => {
    const docs = await moduleRef.get<Connection>(getConnectionToken()).collection<UnitAggregate>('unit_aggregates').find({ provinceCode }).toArray();
    const all = docs.flatMap((d) => aggregatesIn(d));
    return Object.fromEntries(all.filter((a) => a.totals.reporting !== 0).map((a) => [a._id, a.totals]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  };

  const step = fc.record({
    unit: fc.constantFrom('u1', 'u2', 'u3'),
    revision: fc.integer({ min: 1, max: 5 }),
    status: fc.constantFrom('submitted', 'submitted', 'approved', 'returned') as fc.Arbitrary<ReportSubmission.Status>,
    count: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    ratio: fc.option(fc.integer({ min: 1, max: 1000 }).chain((d) => fc.record({ numerator: fc.integer({ min: 0, max: d }), denominator: fc.constant(d) })), { nil: undefined }),
    countable: fc.option(fc.boolean(), { nil: undefined }),
    // A correction's approved figures, as the reports service sends them beside it.
    approved: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    duplicate: fc.boolean(),
  });

  it('gives the same totals as the events applied one by one, for any history, corrections of approved reports included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const province = uniqueCode('R');
        for (const s of steps) {
          const values = [
            ...(s.count === undefined ? [] : [{ indicatorCode: 'BTS', value: s.count }]),
            ...(s.ratio === undefined ? [] : [{ indicatorCode: 'DOSSIERS', ...s.ratio }]),
          ];
          const approved = s.approved === undefined || s.revision === 1 ? {} : { approved: { revision: s.revision - 1, values: [{ indicatorCode: 'BTS', value: s.approved }] } };
          const event = submissionEvent({ provinceCode: province, unitCode: `${province}${s.unit}`, period: '2024', revision: s.revision, status: s.status, values, ...(s.countable === undefined ? {} : { countable: s.countable }), ...approved });
          await aggregation.applySubmission(event);
          if (s.duplicate) await aggregation.applySubmission(event);
        }
        const incremental = await totals(province);
        const report = await rebuild.rebuild(province);
        expect(report.provinceCode).toBe(province);
        expect(await totals(province)).toEqual(incremental);
      }),
      { numRuns: 25 },
    );
  }, 120000);

  it('withdraws an indicator only the approved figures of a correction carried, read back from the store, as a rebuild does', async () => {
    const province = uniqueCode('R');
    const unit = `${province}a`;
    const both = [{ indicatorCode: 'BTS', value: 10 }, { indicatorCode: 'PLAN', done: true }];
    const event = (revision: number, status: ReportSubmission.Status, values: ReportSubmission.Value[], approved?: ReportSubmission.Payload['approved']) =>
      submissionEvent({ provinceCode: province, unitCode: unit, period: '2024', revision, status, countable: status === 'approved', values, ...(approved ? { approved } : {}) });
    await aggregation.applySubmission(event(1, 'approved', both));
    await aggregation.applySubmission(event(2, 'submitted', [{ indicatorCode: 'BTS', value: 12 }], { revision: 1, values: both }));
    expect((await totals(province))[`${province}:PLAN:2024`]).toMatchObject({ done: 1, reporting: 1, correcting: 1 });
    // As after a restart: what the fold carries for the submission comes from the store.
    moduleRef.get(FoldCache).forget(province);
    await aggregation.applySubmission(event(3, 'approved', [{ indicatorCode: 'BTS', value: 12 }]));
    const incremental = await totals(province);
    expect(incremental[`${province}:PLAN:2024`]).toBeUndefined();
    expect(incremental[`${province}:BTS:2024`]).toMatchObject({ sum: 12, reporting: 1, correcting: 0 });
    await rebuild.rebuild(province);
    expect(await totals(province)).toEqual(incremental);
  });

  it('restores aggregates that were lost, and reports what it did', async () => {
    const province = uniqueCode('R');
    for (const [unit, value] of [['a', 3], ['b', 4]] as const) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}${unit}`, period: '2023', values: [{ indicatorCode: 'BTS', value }] }));
    }
    const before = await totals(province);
    await moduleRef.get<Connection>(getConnectionToken()).collection('unit_aggregates').deleteMany({ provinceCode: province });
    const report = await rebuild.rebuild(province, ['2023']);
    expect(report).toMatchObject({ provinceCode: province, submissions: 2, aggregates: 3 });
    expect(report.ms).toBeGreaterThanOrEqual(0);
    expect(await totals(province)).toEqual(before);
    expect(before[`${province}:BTS:2023`]).toMatchObject({ sum: 7, reporting: 2 });
  });

  it('leaves the fold able to go on: a revision after a rebuild replaces, a second rebuild changes nothing', async () => {
    const province = uniqueCode('R');
    const unit = `${province}a`;
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: unit, period: '2023', revision: 1, values: [{ indicatorCode: 'BTS', value: 3 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}b`, period: '2023', revision: 1, values: [{ indicatorCode: 'BTS', value: 4 }] }));
    await rebuild.rebuild(province, ['2023']);
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: unit, period: '2023', revision: 2, values: [{ indicatorCode: 'BTS', value: 10 }] }));
    const after = await totals(province);
    expect(after[`${province}:BTS:2023`]).toMatchObject({ sum: 14, reporting: 2 });
    await rebuild.rebuild(province, ['2023']);
    expect(await totals(province)).toEqual(after);
  });

  it('finds what was stored before the fold index existed and before values were packed (built once from a scan), and only the periods asked', async () => {
    const province = uniqueCode('R');
    for (const period of ['2022', '2023']) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}a`, period, values: [{ indicatorCode: 'BTS', value: 5 }] }));
    }
    const before = await totals(province);
    const db = moduleRef.get<Connection>(getConnectionToken());
    await db.collection('fold_index').deleteMany({});
    // Applied submissions as the fold stored them before packing: `values` as an array of fields.
    for (const doc of await db.collection('applied_submissions').find({ provinceCode: province }).toArray()) {
      await db.collection('applied_submissions').updateOne({ _id: doc._id }, { $set: { values: JSON.parse(String(doc['packedValues'])) }, $unset: { packedValues: '' } });
    }
    await db.collection('unit_aggregates').deleteMany({ provinceCode: province });
    const report = await rebuild.rebuild(province, ['2023']);
    expect(report).toMatchObject({ submissions: 1 });
    expect(await db.collection('fold_index').findOne({ _id: '*complete*' as never })).not.toBeNull();
    // 2022 was not asked for: still missing until it is rebuilt too.
    expect(Object.keys(await totals(province)).some((id) => id.endsWith(':2022'))).toBe(false);
    await rebuild.rebuild(province);
    expect(await totals(province)).toEqual(before);
  });

  it('folds a store written by the earlier fold again at start, then knows it is current', async () => {
    const province = uniqueCode('R');
    for (const [unit, value] of [['a', 3], ['b', 4]] as const) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}${unit}`, period: '2022', values: [{ indicatorCode: 'BTS', value }] }));
    }
    const before = await totals(province);
    const db = moduleRef.get<Connection>(getConnectionToken());
    // As the earlier fold left it: totals as fields, every unit's contributions kept apart.
    for (const doc of await db.collection('unit_aggregates').find({ provinceCode: province }).toArray()) {
      const state = JSON.parse(String(doc['packed'])) as Record<string, { kind: string; totals: object }>;
      const indicators = Object.fromEntries(Object.entries(state).map(([code, a]) => [code, { kind: a.kind, totals: a.totals }]));
      await db.collection('unit_aggregates').updateOne({ _id: doc._id }, { $set: { indicators }, $unset: { packed: '' } });
      await db.collection('unit_contributions').insertOne({ _id: doc._id, provinceCode: province, indicators: {}, version: 1 } as never);
    }
    await db.collection('fold_index').deleteOne({ _id: '*fold-state-2*' as never });
    await rebuild.onApplicationBootstrap();
    expect(await totals(province)).toEqual(before);
    const provincial = await db.collection('unit_aggregates').findOne({ _id: `${province}:2022` as never });
    expect(provincial?.['indicators']).toBeUndefined();
    expect(JSON.parse(String(provincial?.['packed'])).BTS.totals).toMatchObject({ sum: 7, reporting: 2 });
    expect(await db.collection('unit_contributions').countDocuments()).toBe(0);
    // Current now: a second start folds nothing again.
    await db.collection('unit_contributions').insertOne({ _id: 'left-alone', provinceCode: province } as never);
    await rebuild.onApplicationBootstrap();
    expect(await db.collection('unit_contributions').countDocuments()).toBe(1);
  });
});
