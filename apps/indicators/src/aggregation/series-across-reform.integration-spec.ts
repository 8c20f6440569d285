import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, OfficialRole, OfficialTokens } from '@dtp/platform';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from './aggregation.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

/**
 * Issue #14: a commune created on 1/7/2025 has a trend back into 2024, from the communes it took
 * over. Old communes A and B merge wholly into N1 (given without a share: all of it); C is split,
 * a quarter to N1 and three quarters to N2. Expected figures are worked out here from the
 * reports, not by the code under test.
 */
describe('series across the 2025 reform (FerretDB, over HTTP)', () => {
  const p = uniqueCode('R');
  const [d, a, b, c, n1, n2] = ['D', 'A', 'B', 'C', 'N1', 'N2'].map((s) => `${p}${s}`) as [string, string, string, string, string, string];
  const tokens = new OfficialTokens(SECRET, 600);
  let app: NestFastifyApplication;
  let aggregation: AggregationService;

  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, roles: OfficialRole[] = ['admin']) =>
    app.getHttpAdapter().getInstance().inject({ method, url, headers: { authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles, provinceCode: p })}` }, ...(payload ? { payload } : {}) });
  const series = async (unit: string, indicator: string, from: string, to: string) => (await call('GET', `/api/v1/aggregates/${unit}/${indicator}?from=${from}&to=${to}`)).json();
  const report = (unitCode: string, period: string, values: object[], revision = 1) =>
    aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode, formCode: 'CDS', period, revision, values: values as never }));
  const unitsWithSplit = (toN1: number, toN2: number) => [
    { id: p, name: 'Tỉnh sắp xếp', level: 'province', parents: [], successors: [] },
    { id: d, name: 'Huyện cũ', level: 'district', validTo: '2025-06-30', parents: [{ parentId: p }], successors: [] },
    ...[a, b].map((id) => ({ id, name: `Xã cũ ${id}`, level: 'commune', validTo: '2025-06-30', parents: [{ parentId: d }], successors: [{ unitId: n1, on: '2025-07-01' }] })),
    {
      id: c,
      name: 'Xã chia tách',
      level: 'commune',
      validTo: '2025-06-30',
      parents: [{ parentId: d }],
      successors: [
        { unitId: n1, on: '2025-07-01', share: toN1 },
        { unitId: n2, on: '2025-07-01', share: toN2 },
      ],
    },
    ...[n1, n2].map((id) => ({ id, name: `Xã mới ${id}`, level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: p }], successors: [] })),
  ];
  const definition = (code: string, kind: string, extra: object = {}) => ({ provinceCode: p, code, nameVi: `Chỉ tiêu ${code}`, nameEn: `Indicator ${code}`, unitOfMeasure: '', kind, direction: 'higher-is-better', reportedBy: ['commune'], ...extra });

  // 2024 reports of the old communes: BTS stations (count), dossiers digitized (ratio), a pilot (milestone).
  const old2024 = {
    [a]: { bts: 120, numerator: 900, denominator: 1000 },
    [b]: { bts: 45, numerator: 10, denominator: 100 },
    [c]: { bts: 40, numerator: 200, denominator: 400 },
  };
  const own2025 = { [n1]: { bts: 190, numerator: 1100, denominator: 1250 }, [n2]: { bts: 33, numerator: 160, denominator: 310 } };
  const valuesOf = (v: { bts: number; numerator: number; denominator: number }) => [
    { indicatorCode: 'BTS', value: v.bts },
    { indicatorCode: 'DOSSIERS', numerator: v.numerator, denominator: v.denominator },
    { indicatorCode: 'PILOT', done: true },
  ];

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_series'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test' }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    aggregation = app.get(AggregationService);
    expect((await call('POST', '/api/v1/units/import.json', { units: unitsWithSplit(0.25, 0.75) })).statusCode).toBe(200);
    for (const def of [definition('BTS', 'count'), definition('DOSSIERS', 'ratio'), definition('PILOT', 'milestone', { milestoneAggregation: 'all' })]) {
      expect((await call('PUT', '/api/v1/indicators', def)).statusCode).toBe(200);
    }
    for (const [unit, v] of Object.entries(old2024)) await report(unit, '2024', valuesOf(v));
    for (const [unit, v] of Object.entries(own2025)) await report(unit, '2025', valuesOf(v));
    // 2025Q2, the last quarter before the reform: C has not reported.
    for (const unit of [a, b]) await report(unit, '2025Q2', [{ indicatorCode: 'BTS', value: 1 }]);
    await report(n1, '2025Q3', [{ indicatorCode: 'BTS', value: 7 }]);
  }, 60_000);

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('derives the merged commune’s 2024 count from its predecessors’ counts, scaled by their shares, and keeps its own 2025', async () => {
    const expected2024 = old2024[a]!.bts + old2024[b]!.bts + 0.25 * old2024[c]!.bts;
    expect(await series(n1, 'BTS', '2024', '2025')).toEqual([
      {
        period: '2024',
        value: expected2024,
        reportingUnits: 3,
        derived: true,
        predecessors: [
          { unitCode: a, share: 1 },
          { unitCode: b, share: 1 },
          { unitCode: c, share: 0.25 },
        ],
      },
      { period: '2025', value: own2025[n1]!.bts, reportingUnits: 1 },
    ]);
  });

  it('derives the merged commune’s 2024 ratio from summed scaled numerators and denominators, not an average of percentages', async () => {
    const numerator = old2024[a]!.numerator + old2024[b]!.numerator + 0.25 * old2024[c]!.numerator;
    const denominator = old2024[a]!.denominator + old2024[b]!.denominator + 0.25 * old2024[c]!.denominator;
    const [derived2024, own] = await series(n1, 'DOSSIERS', '2024', '2025');
    expect(derived2024.derived).toBe(true);
    expect(derived2024.value).toBeCloseTo(numerator / denominator, 12);
    expect(derived2024.value).toBeCloseTo(0.8, 12);
    expect(own).toEqual({ period: '2025', value: own2025[n1]!.numerator / own2025[n1]!.denominator, reportingUnits: 1 });
  });

  it('gives the other half of the split its share of the split commune', async () => {
    const [bts] = await series(n2, 'BTS', '2024', '2024');
    const [dossiers] = await series(n2, 'DOSSIERS', '2024', '2024');
    expect(bts).toEqual({ period: '2024', value: 0.75 * old2024[c]!.bts, reportingUnits: 1, derived: true, predecessors: [{ unitCode: c, share: 0.75 }] });
    expect(dossiers.value).toBeCloseTo(old2024[c]!.numerator / old2024[c]!.denominator, 12);
  });

  it('does not derive a milestone: null with the reason', async () => {
    const [pilot] = await series(n1, 'PILOT', '2024', '2024');
    expect(pilot).toMatchObject({ period: '2024', value: null, derived: false, notDerivedReason: 'kind-not-derivable' });
  });

  it('does not derive a quarter a predecessor did not report, and names it; the unit’s own quarter stays', async () => {
    expect(await series(n1, 'BTS', '2025Q2', '2025Q3')).toEqual([
      {
        period: '2025Q2',
        value: null,
        reportingUnits: 2,
        derived: false,
        predecessors: [
          { unitCode: a, share: 1 },
          { unitCode: b, share: 1 },
          { unitCode: c, share: 0.25 },
        ],
        notDerivedReason: 'predecessor-not-reported',
        missing: [c],
      },
      { period: '2025Q3', value: 7, reportingUnits: 1 },
    ]);
  });

  it('leaves the series of a unit that took over nobody as it was', async () => {
    expect(await series(a, 'BTS', '2024', '2025')).toEqual([
      { period: '2024', value: old2024[a]!.bts, reportingUnits: 1 },
      { period: '2025', value: null, reportingUnits: 0 },
    ]);
  });

  it('recomputes a series fed from another province’s reports when that province folds a revision', async () => {
    // A commune of a merged province took over a commune of this one: no single province's generation covers its series.
    const q = uniqueCode('R');
    const [x, m] = [`${p}X`, `${q}M`];
    const units = [
      { id: q, name: 'Tỉnh mới', level: 'province', parents: [], successors: [] },
      { id: x, name: 'Xã sang tỉnh khác', level: 'commune', validTo: '2025-06-30', parents: [{ parentId: d }], successors: [{ unitId: m, on: '2025-07-01', share: 1 }] },
      { id: m, name: 'Xã của tỉnh mới', level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: q }], successors: [] },
    ];
    // Units of two provinces: a national administrator's import.
    expect((await call('POST', '/api/v1/units/import.json', { units })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/units/import.json', { units }, ['national-admin'])).statusCode).toBe(200);
    await report(x, '2024', [{ indicatorCode: 'BTS', value: 10 }]);
    expect((await series(m, 'BTS', '2024', '2024'))[0]).toMatchObject({ value: 10, derived: true });
    await report(x, '2024', [{ indicatorCode: 'BTS', value: 12 }], 2);
    expect((await series(m, 'BTS', '2024', '2024'))[0]).toMatchObject({ value: 12, derived: true });
  });

  it('answers a predecessor’s revised report and a changed split in the cached series', async () => {
    expect((await series(n1, 'BTS', '2024', '2025'))[0].value).toBe(175);
    await report(c, '2024', valuesOf({ ...old2024[c]!, bts: 80 }), 2);
    expect((await series(n1, 'BTS', '2024', '2025'))[0].value).toBe(120 + 45 + 0.25 * 80);
    expect((await call('POST', '/api/v1/units/import.json', { units: unitsWithSplit(0.5, 0.5) })).statusCode).toBe(200);
    const [after] = await series(n1, 'BTS', '2024', '2025');
    expect(after).toMatchObject({ value: 120 + 45 + 0.5 * 80, predecessors: [{ unitCode: a, share: 1 }, { unitCode: b, share: 1 }, { unitCode: c, share: 0.5 }] });
  });
});
