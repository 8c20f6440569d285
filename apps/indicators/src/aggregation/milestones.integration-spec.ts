import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, OfficialTokens } from '@dtp/platform';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from './aggregation.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

/**
 * A milestone's value honours its indicator's rule at every level a reader sees: the aggregate,
 * the ranking, the scorecard (and through it the exports and the dashboard). The review's case:
 * an "all" milestone done by 7 of 11 districts is not done, and its target is not achieved.
 */
describe('milestones aggregated as all, any or count (FerretDB, over HTTP)', () => {
  const province = uniqueCode('M');
  const districts = Array.from({ length: 11 }, (_, i) => `${province}D${i + 1}`);
  const tokens = new OfficialTokens(SECRET, 600);
  let app: NestFastifyApplication;

  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, provinceCode = province) =>
    app.getHttpAdapter().getInstance().inject({ method, url, headers: { authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode })}` }, ...(payload ? { payload } : {}) });
  const definition = (code: string, milestoneAggregation: 'all' | 'any' | 'count', provinceCode = province, reportedBy = ['district']) => ({ provinceCode, code, nameVi: `Mốc ${code}`, nameEn: `Milestone ${code}`, unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better', reportedBy, milestoneAggregation });

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_milestones'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test' }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const units = [
      { id: province, name: 'Tỉnh thử', level: 'province', parents: [], successors: [] },
      ...districts.map((id, i) => ({ id, name: `Huyện ${i + 1}`, level: 'district', parents: [{ parentId: province }], successors: [] })),
    ];
    expect((await call('POST', '/api/v1/units/import.json', { units })).statusCode).toBe(200);
    for (const [code, rule] of [['ALL', 'all'], ['ANY', 'any'], ['COUNT', 'count']] as const) expect((await call('PUT', '/api/v1/indicators', definition(code, rule))).statusCode).toBe(200);
    const programme = {
      code: 'PLAN',
      provinceCode: province,
      nameVi: 'Kế hoạch',
      nameEn: 'Plan',
      pillars: [{ code: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government' }],
      targets: ['ALL', 'ANY', 'COUNT'].map((indicatorCode) => ({ indicatorCode, year: 2025, value: 1, comparison: 'done', pillar: 'gov' })),
    };
    expect((await call('PUT', '/api/v1/programmes', programme)).statusCode).toBe(200);

    // 7 of 11 districts done on every milestone; for 2025Q2 one district has not reported at all.
    const aggregation = app.get(AggregationService);
    for (const [i, unitCode] of districts.entries()) {
      const values = ['ALL', 'ANY', 'COUNT'].map((indicatorCode) => ({ indicatorCode, done: i < 7 }));
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode, formCode: 'MS', period: '2025', values }));
      if (i < 10) await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode, formCode: 'MS', period: '2025Q2', values: [{ indicatorCode: 'ALL', done: true }] }));
    }
  }, 60_000);

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('gives the province 0 for "all" and 1 for "any" when 7 of 11 districts are done, and 7 for "count"', async () => {
    const value = async (code: string) => (await call('GET', `/api/v1/aggregates/${province}/${code}/2025`)).json().value;
    expect([await value('ALL'), await value('ANY'), await value('COUNT')]).toEqual([0, 1, 7]);
    const series = (await call('GET', `/api/v1/aggregates/${province}/ALL?from=2024&to=2025`)).json();
    expect(series).toEqual([
      { period: '2024', value: null, reportingUnits: 0 },
      { period: '2025', value: 0, reportingUnits: 11 },
    ]);
  });

  it('counts a district that has not reported as not done under "all"', async () => {
    const res = (await call('GET', `/api/v1/aggregates/${province}/ALL/2025Q2`)).json();
    expect({ value: res.value, reporting: res.reportingUnits }).toEqual({ value: 0, reporting: 10 });
  });

  it('scores the "all" target not achieved and the others achieved on the scorecard', async () => {
    const card = (await call('GET', `/api/v1/scorecards/${province}/PLAN/${province}/2025`)).json();
    expect(card.targets.map((t: { indicatorCode: string; actual: number; status: string }) => [t.indicatorCode, t.actual, t.status])).toEqual([
      ['ALL', 0, 'not-achieved'],
      ['ANY', 1, 'achieved'],
      ['COUNT', 7, 'achieved'],
    ]);
  });

  it('ranks each district on its own report, done or not', async () => {
    const ranking = (await call('GET', `/api/v1/rankings/${province}/ALL/2025?level=district&pageSize=20`)).json();
    expect(ranking.items.filter((r: { value: number }) => r.value === 1)).toHaveLength(7);
    expect(ranking.items.filter((r: { value: number }) => r.value === 0)).toHaveLength(4);
  });

  it('"all" looks at the finest units expected to report: districts done do not stand in for communes that have not reported', async () => {
    const p = uniqueCode('M');
    const [d1, d2] = [`${p}D1`, `${p}D2`];
    const communes = [`${p}C11`, `${p}C12`, `${p}C21`, `${p}C22`];
    const units = [
      { id: p, name: 'Tỉnh hai cấp', level: 'province', parents: [], successors: [] },
      ...[d1, d2].map((id) => ({ id, name: `Huyện ${id}`, level: 'district', parents: [{ parentId: p }], successors: [] })),
      ...communes.map((id) => ({ id, name: `Xã ${id}`, level: 'commune', parents: [{ parentId: id.endsWith('1', id.length - 1) ? d1 : d2 }], successors: [] })),
    ];
    expect((await call('POST', '/api/v1/units/import.json', { units }, p)).statusCode).toBe(200);
    expect((await call('PUT', '/api/v1/indicators', definition('ALL2', 'all', p, ['district', 'commune']), p)).statusCode).toBe(200);
    const aggregation = app.get(AggregationService);
    const report = (unitCode: string, done: boolean) => aggregation.applySubmission(submissionEvent({ provinceCode: p, unitCode, formCode: 'MS', period: '2025', values: [{ indicatorCode: 'ALL2', done }] }));
    // Both districts and two of the four communes say done; two communes have not reported.
    for (const unit of [d1, d2, communes[0]!, communes[2]!]) await report(unit, true);
    const value = async () => (await call('GET', `/api/v1/aggregates/${p}/ALL2/2025`, undefined, p)).json().value;
    expect(await value()).toBe(0);
    await report(communes[1]!, true);
    await report(communes[3]!, true);
    expect(await value()).toBe(1);
  });
});
