import { Test, TestingModule } from '@nestjs/testing';
import { getConnectionToken, getModelToken, MongooseModule } from '@nestjs/mongoose';
import { Scorecard } from '@dtp/contracts';
import { KafkaClient, MessagingModule } from '@dtp/messaging';
import { infraEnv, readTopic, readWholeTopic, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection, Model } from 'mongoose';
import { UnitAggregate } from './schemas/aggregate.schema';
import { FoldGenerations, isWriting } from '../read-models/fold-generations.service';
import { AggregationModule } from './aggregation.module';
import { AggregationService } from './aggregation.service';
import { HierarchyService } from '../units/hierarchy.service';

describe('AggregationService on FerretDB', () => {
  let moduleRef: TestingModule;
  let aggregation: AggregationService;
  const env = infraEnv();

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(env.MONGO_URL, { dbName: testDatabaseName('indicators') }),
        MessagingModule.forRoot({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'indicators-test' }, { pollIntervalMs: 200, batchSize: 100 }),
        AggregationModule,
      ],
    }).compile();
    // As the service does at start: topics exist before anything publishes or consumes.
    await moduleRef.get(KafkaClient).ensureTopics();
    await moduleRef.init();
    aggregation = moduleRef.get(AggregationService);
  });

  afterAll(async () => {
    await moduleRef.get<Connection>(getConnectionToken()).dropDatabase();
    await moduleRef.close();
  });

  const province = () => uniqueCode('P');
  let u1: string;
  let u2: string;
  beforeEach(() => {
    u1 = uniqueCode('U');
    u2 = uniqueCode('U');
  });

  it('returns 86.0% at province level when district parts sum to 630,485 / 732,908', async () => {
    const p = province();
    // Unit codes are national (official administrative codes), so each test run makes its own.
    const [d1, d2, d3] = [uniqueCode('D'), uniqueCode('D'), uniqueCode('D')];
    const parts = [
      [d1, 210_000, 240_000],
      [d2, 300_485, 352_908],
      [d3, 120_000, 140_000],
    ] as const;
    for (const [unitCode, numerator, denominator] of parts) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode, period: '2023', values: [{ indicatorCode: 'DOSSIERS', numerator, denominator }] }));
    }
    const provincial = await aggregation.get(p, 'DOSSIERS', '2023');
    expect(provincial?.totals).toMatchObject({ numerator: 630_485, denominator: 732_908, reporting: 3 });
    expect(Math.round((provincial!.totals.numerator / provincial!.totals.denominator) * 1000) / 10).toBe(86.0);
    const district = await aggregation.get(d2, 'DOSSIERS', '2023');
    expect(district?.totals).toMatchObject({ numerator: 300_485, denominator: 352_908, reporting: 1 });
  });

  it('counts a duplicate delivery once', async () => {
    const p = province();
    const event = submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'BTS', value: 1396 }] });
    await aggregation.applySubmission(event);
    await aggregation.applySubmission(event);
    await aggregation.applySubmission(structuredClone(event));
    const provincial = await aggregation.get(p, 'BTS', '2024Q1');
    expect(provincial?.totals.sum).toBe(1396);
    expect(provincial?.totals.reporting).toBe(1);
  });

  it('ignores an older revision that arrives after a newer one', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, values: [{ indicatorCode: 'BTS', value: 20 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 1, values: [{ indicatorCode: 'BTS', value: 10 }] }));
    expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals.sum).toBe(20);
  });

  it('replaces a unit’s value by the difference when it revises its report', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'BTS', value: 10 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u2, values: [{ indicatorCode: 'BTS', value: 5 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, kind: 'revised', values: [{ indicatorCode: 'BTS', value: 13 }] }));
    expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals).toMatchObject({ sum: 18, reporting: 2 });
  });

  it('withdraws a returned report’s values from the aggregates', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'R', numerator: 3, denominator: 4 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u2, values: [{ indicatorCode: 'R', numerator: 1, denominator: 4 }] }));
    await aggregation.applySubmission(
      submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, kind: 'returned', status: 'returned', values: [{ indicatorCode: 'R', numerator: 3, denominator: 4 }] }),
    );
    expect((await aggregation.get(p, 'R', '2024Q1'))?.totals).toMatchObject({ numerator: 1, denominator: 4, reporting: 1 });
  });

  it('leaves out values the form does not count yet, and counts them once approved', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, countable: false, values: [{ indicatorCode: 'BTS', value: 9 }] }));
    expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals).toMatchObject({ sum: 0, reporting: 0 });
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, kind: 'approved', status: 'approved', countable: true, values: [{ indicatorCode: 'BTS', value: 9 }] }));
    expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals).toMatchObject({ sum: 9, reporting: 1 });
  });

  it('withdraws an indicator that a later revision no longer carries', async () => {
    const p = province();
    await aggregation.applySubmission(
      submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'A', value: 1 }, { indicatorCode: 'B', value: 2 }] }),
    );
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, values: [{ indicatorCode: 'A', value: 4 }] }));
    expect((await aggregation.get(p, 'A', '2024Q1'))?.totals).toMatchObject({ sum: 4, reporting: 1 });
    expect((await aggregation.get(p, 'B', '2024Q1'))?.totals).toMatchObject({ sum: 0, reporting: 0 });
  });

  it('sees what another replica folded into the province in between (its cached documents are dropped, not written over)', async () => {
    // A second replica of the service: its own process state (and fold cache), the same store.
    const other = await Test.createTestingModule({
      imports: [
        MongooseModule.forRoot(env.MONGO_URL, { dbName: moduleRef.get<Connection>(getConnectionToken()).name }),
        MessagingModule.forRoot({ brokers: env.KAFKA_BROKERS.split(','), clientId: 'indicators-test-2' }, { pollIntervalMs: 200, batchSize: 100 }),
        AggregationModule,
      ],
    }).compile();
    await other.init();
    try {
      const p = province();
      const u3 = uniqueCode('U');
      await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'BTS', value: 3 }] }));
      // The partition moves to the other replica, which folds a report, then moves back.
      await other.get(AggregationService).applySubmission(submissionEvent({ provinceCode: p, unitCode: u2, values: [{ indicatorCode: 'BTS', value: 4 }] }));
      await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, revision: 2, values: [{ indicatorCode: 'BTS', value: 10 }] }));
      await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u3, values: [{ indicatorCode: 'BTS', value: 5 }] }));
      expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals).toMatchObject({ sum: 19, reporting: 3 });
    } finally {
      await other.close();
    }
  });

  it('marks the province as being written before its first document and moves its generation after the last, so readers never see a mix', async () => {
    const p = province();
    const generations = moduleRef.get(FoldGenerations);
    const aggregates = moduleRef.get<Model<UnitAggregate>>(getModelToken(UnitAggregate.name));
    const steps: string[] = [];
    const begin = jest.spyOn(generations, 'beginWrite').mockImplementation(async function (this: FoldGenerations, ...args) {
      steps.push('begin');
      return FoldGenerations.prototype.beginWrite.apply(this, args);
    });
    const bump = jest.spyOn(generations, 'finishWrite');
    const write = jest.spyOn(aggregates, 'bulkWrite');
    bump.mockImplementation(async function (this: FoldGenerations, ...args) {
      steps.push('bump');
      return FoldGenerations.prototype.finishWrite.apply(this, args);
    });
    write.mockImplementation(function (this: Model<UnitAggregate>, ...args: Parameters<Model<UnitAggregate>['bulkWrite']>) {
      steps.push('documents');
      return Model.bulkWrite.apply(this, args) as never;
    } as never);
    try {
      await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'BTS', value: 3 }] }));
    } finally {
      begin.mockRestore();
      bump.mockRestore();
      write.mockRestore();
    }
    expect(steps[0]).toBe('begin');
    expect(steps.at(-1)).toBe('bump');
    expect(steps.filter((s) => s === 'documents').length).toBeGreaterThan(0);
    expect(isWriting(await generations.stored(p))).toBe(false);
  });

  it('keeps exact totals when many units of one province report at the same time', async () => {
    const p = province();
    const units = Array.from({ length: 12 }, () => uniqueCode('U'));
    await Promise.all(
      units.map((unitCode, i) => aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode, values: [{ indicatorCode: 'BTS', value: i + 1 }] }))),
    );
    expect((await aggregation.get(p, 'BTS', '2024Q1'))?.totals).toMatchObject({ sum: (12 * 13) / 2, reporting: 12 });
  });

  it('announces the new provincial value on indicators.scorecard.v1 through the outbox', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, values: [{ indicatorCode: 'BTS', value: 7 }] }));
    const messages = await readTopic(env.KAFKA_BROKERS, Scorecard.TOPIC, (seen) => seen.some((m) => m.key === `${p}:${p}:2024Q1`));
    const notice = JSON.parse(messages.find((m) => m.key === `${p}:${p}:2024Q1`)!.value) as Scorecard.Envelope;
    expect(Scorecard.Envelope.safeParse(notice).success).toBe(true);
    expect(notice.data).toMatchObject({ unitCode: p, indicatorCode: 'BTS', value: 7, reportingUnits: 1 });
    // The unit's own aggregate is its report alone, already on reports.submission.v1: not announced again.
    const all = await readWholeTopic(env.KAFKA_BROKERS, Scorecard.TOPIC);
    expect(all.filter((m) => m.key === `${p}:${u1}:2024Q1` && m.value.includes('"aggregate-changed"'))).toEqual([]);
  });

  it('completes a batch cut off after its journal: no level counts a report twice or misses it', async () => {
    const p = province();
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, period: '2024', values: [{ indicatorCode: 'BTS', value: 5 }] }));
    const second = submissionEvent({ provinceCode: p, unitCode: u2, period: '2024', values: [{ indicatorCode: 'BTS', value: 7 }] });
    // A crash once the journal is written, before the unit-period documents are.
    const writeStates = jest.spyOn(aggregation as unknown as { writeStates: () => Promise<void> }, 'writeStates').mockRejectedValueOnce(new Error('process killed'));
    // ... and before the index beside the journal was written.
    const writeIndex = jest.spyOn(aggregation as unknown as { writeIndex: () => Promise<void> }, 'writeIndex').mockResolvedValueOnce(undefined);
    await expect(aggregation.applySubmission(second)).rejects.toThrow('process killed');
    writeStates.mockRestore();
    writeIndex.mockRestore();
    const index = moduleRef.get<Connection>(getConnectionToken()).collection('fold_index');
    expect((await index.findOne({ _id: `${p}:2024` as never }))?.['states']?.[`${u2}:2024`]).toBeUndefined();
    const journal = moduleRef.get<Connection>(getConnectionToken()).collection('fold_journal');
    expect(await journal.findOne({ _id: p as never })).not.toBeNull();
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: 5, reporting: 1 });
    // The batch delivered again: the journal is written first, then the report is recognised at its unit.
    await aggregation.applySubmission(second);
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: 12, reporting: 2 });
    expect((await aggregation.get(u2, 'BTS', '2024'))?.totals).toMatchObject({ sum: 7, reporting: 1 });
    expect(await journal.findOne({ _id: p as never })).toBeNull();
    // The redo wrote what the index missed.
    const listed = await index.findOne({ _id: `${p}:2024` as never });
    expect(listed?.['states']?.[`${u2}:2024`]).toBe(true);
    expect(listed?.['submissions']?.[second.data.submissionId]).toBe(true);
    await aggregation.applySubmission(second);
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: 12, reporting: 2 });
  });

  it('keeps a province’s document the size of its indicators, however many units report into it', async () => {
    const p = province();
    const units = Array.from({ length: 40 }, () => uniqueCode('C'));
    await aggregation.applyBatch(units.map((unitCode, i) => submissionEvent({ provinceCode: p, unitCode, period: '2024', values: [{ indicatorCode: 'BTS', value: i }] })));
    const docs = moduleRef.get<Connection>(getConnectionToken()).collection('unit_aggregates');
    const provincial = await docs.findOne({ _id: `${p}:2024` as never });
    const commune = await docs.findOne({ _id: `${units[0]}:2024` as never });
    expect(String(provincial?.['packed']).length).toBeLessThan(2 * String(commune?.['packed']).length);
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: (39 * 40) / 2, reporting: 40 });
  });

  it('moves a unit’s figures with it when the hierarchy places it: counted once, where it is now', async () => {
    const p = province();
    const district = uniqueCode('D');
    const hierarchy = moduleRef.get(HierarchyService);
    await hierarchy.importUnits([
      { id: p, name: 'Tỉnh thử', level: 'province', parents: [], successors: [] },
      { id: district, name: 'Huyện thử', level: 'district', parents: [{ parentId: p }], successors: [] },
    ], { kind: 'national' });
    // Reported before its unit was in the tree: counted at the unit and the province.
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, period: '2024', revision: 1, values: [{ indicatorCode: 'BTS', value: 5 }] }));
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: 5, reporting: 1 });
    await hierarchy.importUnits([{ id: u1, name: 'Xã thử', level: 'commune', parents: [{ parentId: district }], successors: [] }], { kind: 'national' });
    await aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode: u1, period: '2024', revision: 2, values: [{ indicatorCode: 'BTS', value: 7 }] }));
    expect((await aggregation.get(p, 'BTS', '2024'))?.totals).toMatchObject({ sum: 7, reporting: 1 });
    expect((await aggregation.get(district, 'BTS', '2024'))?.totals).toMatchObject({ sum: 7, reporting: 1 });
    expect((await aggregation.get(u1, 'BTS', '2024'))?.totals).toMatchObject({ sum: 7, reporting: 1 });
  });
});
