import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { Catalog, Scorecard } from '@dtp/contracts';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, OfficialTokens } from '@dtp/platform';
import { infraEnv, readTopic, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from '../aggregation/aggregation.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

// Response bodies are whatever the API answered; the assertions give them their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/**
 * Issue #14: a district was scored on the province's count targets (3/30). Lạng Sơn (20) with its
 * real districts, a fictional commune of Tràng Định (180), indicators and a programme named for
 * this run, reports for 2024.
 */
describe('targets per level: each unit scored on its own targets (FerretDB)', () => {
  const tokens = new OfficialTokens(SECRET, 600);
  const run = uniqueCode('L').toUpperCase();
  const codes = { bts: `${run}_BTS`, dossiers: `${run}_DOSSIERS`, noSignal: `${run}_NO_SIGNAL`, fibre: `${run}_FIBRE` };
  const commune = uniqueCode('XA');
  const programmeCode = uniqueCode('NQ');
  let app: NestFastifyApplication;
  let admin: Record<string, string>;

  const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object | string) =>
    app.getHttpAdapter().getInstance().inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const card = async (unitCode: string, code = programmeCode): Promise<Body> => {
    const res = await call('GET', `/api/v1/scorecards/20/${code}/${unitCode}/2024`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const lines = (c: Body) => c.targets.map((t: Body) => [t.indicatorCode.slice(run.length + 1), t.target, t.appliesTo, t.status]);
  const programme = (targets: object[], code = programmeCode) => ({
    code,
    provinceCode: '20',
    nameVi: 'Kế hoạch chuyển đổi số năm 2024',
    nameEn: 'Digital transformation plan 2024',
    pillars: [{ code: 'infra', nameVi: 'Hạ tầng số', nameEn: 'Digital infrastructure' }],
    targets,
  });
  const target = (indicatorCode: string, value: number, extra: object = {}) => ({ indicatorCode, year: 2024, value, comparison: 'at-least', pillar: 'infra', ...extra });

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_levels'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test', binaryBodies: ['text/csv'] }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    admin = { authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: '20' })}` };

    const indicator = async (code: string, kind: string, unitOfMeasure: string, direction = 'higher-is-better') => {
      const res = await call('PUT', '/api/v1/indicators', admin, { provinceCode: '20', code, nameVi: 'Chỉ tiêu thử nghiệm', nameEn: code, unitOfMeasure, kind, direction, reportedBy: ['district', 'commune'] });
      expect(res.statusCode).toBe(200);
    };
    await indicator(codes.bts, 'count', 'trạm');
    await indicator(codes.dossiers, 'ratio', '%');
    await indicator(codes.noSignal, 'count', 'thôn', 'lower-is-better');
    await indicator(codes.fibre, 'ratio', '%');
    const imported = await call('POST', '/api/v1/units/import.json', admin, {
      units: [{ id: commune, name: 'Xã thử nghiệm cấp chỉ tiêu', level: 'commune', parents: [{ parentId: '180', to: '2025-06-30' }, { parentId: '20', from: '2025-07-01' }], successors: [] }],
    });
    expect(imported.json()).toEqual({ imported: 1 });

    // The province's 3,762 BTS stations (no scope: as every programme saved before scopes),
    // 40 for every district, a share for every district, and a cap for Tràng Định alone.
    const saved = await call('PUT', '/api/v1/programmes', admin, programme([
      target(codes.bts, 3762),
      target(codes.bts, 40, { scope: 'district' }),
      target(codes.dossiers, 0.8, { scope: 'district' }),
      { ...target(codes.noSignal, 5, { scope: 'units', unitCodes: ['180'] }), comparison: 'at-most' },
    ]));
    expect(saved.statusCode).toBe(200);

    const aggregation = app.get(AggregationService);
    const report = (unitCode: string, values: object[]) => aggregation.applySubmission(submissionEvent({ provinceCode: '20', unitCode, formCode: `${run}-F`, period: '2024', values: values as never }));
    await report(commune, [{ indicatorCode: codes.bts, value: 12 }, { indicatorCode: codes.dossiers, numerator: 45, denominator: 50 }, { indicatorCode: codes.noSignal, value: 3 }, { indicatorCode: codes.fibre, numerator: 40, denominator: 50 }]);
    await report('181', [{ indicatorCode: codes.bts, value: 50 }, { indicatorCode: codes.dossiers, numerator: 30, denominator: 50 }]);
  }, 120_000);

  afterAll(async () => {
    await app?.get<Connection>(getConnectionToken()).dropDatabase();
    await app?.close();
  });

  it('answers the scope of every target, the province where none was given', async () => {
    const got = (await call('GET', `/api/v1/programmes/20/${programmeCode}`)).json();
    expect(got.targets.map((t: Body) => [t.scope, t.unitCodes])).toEqual([['province', undefined], ['district', undefined], ['district', undefined], ['units', ['180']]]);
  });

  it('never scores a district on the province’s 3,762 BTS stations: its own 40, its level’s share and the cap set for it', async () => {
    const trangDinh = await card('180');
    expect(trangDinh.targetsFor).toBe('district');
    expect(lines(trangDinh)).toEqual([
      ['BTS', 40, 'level', 'not-achieved'],
      ['DOSSIERS', 0.8, 'level', 'achieved'],
      ['NO_SIGNAL', 5, 'unit', 'achieved'],
    ]);
    expect(trangDinh.targets.some((t: Body) => t.target === 3762)).toBe(false);
    expect(trangDinh.summary.ratio).toBe('2/3');
    expect(trangDinh).not.toHaveProperty('note');

    const binhGia = await card('181');
    expect(lines(binhGia)).toEqual([
      ['BTS', 40, 'level', 'achieved'],
      ['DOSSIERS', 0.8, 'level', 'not-achieved'],
    ]);
  });

  it('keeps the province’s scorecard as it was: its own count, nothing set for the districts', async () => {
    const province = await card('20');
    expect(province.targetsFor).toBe('province');
    expect(lines(province)).toEqual([['BTS', 3762, 'level', 'not-achieved']]);
    expect(province.targets[0].actual).toBe(62);
    expect(province.summary.en).toBe('0/1 achieved, 1 not achieved, 0 not measurable');
  });

  it('says a commune the programme sets no targets has none, in both languages, rather than 0 of the province’s', async () => {
    const none = await card(commune);
    expect(none).toMatchObject({
      targetsFor: 'none',
      overall: { total: 0, achieved: 0 },
      targets: [],
      pillars: [],
      note: {
        en: `Programme ${programmeCode} sets no targets for this unit (commune level) in 2024`,
        vi: `Chương trình ${programmeCode} không giao chỉ tiêu cho đơn vị này (cấp xã) năm 2024`,
      },
    });
    expect(none.summary).toEqual({ ratio: '0/0', en: none.note.en, vi: none.note.vi });
  });

  it('applies a ratio set for every level to the commune and the province, a district’s own target first', async () => {
    const code = uniqueCode('KH');
    const saved = await call('PUT', '/api/v1/programmes', admin, programme([target(codes.fibre, 0.7, { scope: 'every-level' }), target(codes.fibre, 0.9, { scope: 'district' })], code));
    expect(saved.statusCode).toBe(200);
    expect(lines(await card(commune, code))).toEqual([['FIBRE', 0.7, 'every-level', 'achieved']]);
    expect(lines(await card('180', code))).toEqual([['FIBRE', 0.9, 'level', 'not-achieved']]);
    expect(lines(await card('20', code))).toEqual([['FIBRE', 0.7, 'every-level', 'achieved']]);
  });

  it('refuses a count for every level, a unit outside the province and an unknown scope, naming each field in both languages', async () => {
    const refused = await call('PUT', '/api/v1/programmes', admin, programme([target(codes.bts, 3762, { scope: 'every-level' }), target(codes.bts, 3, { scope: 'units', unitCodes: ['180', '436'] }), target(codes.bts, 3, { scope: 'district', unitCodes: ['180'] })], uniqueCode('BAD')));
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ field: 'targets[0].scope', messageVi: expect.stringContaining('chỉ có chỉ tiêu tỷ lệ mới áp dụng cho mọi cấp') }),
      expect.objectContaining({ field: 'targets[1].unitCodes', message: 'targets[1].unitCodes: not units of this province: 436', messageVi: 'targets[1].unitCodes: không phải đơn vị của tỉnh: 436' }),
      expect.objectContaining({ field: 'targets[2].unitCodes' }),
    ]);
    const unknown = await call('PUT', '/api/v1/programmes', admin, programme([target(codes.bts, 3, { scope: 'village' })], uniqueCode('BAD')));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: Body) => e.field)).toEqual(['targets[0].scope']);
  });

  it('takes the scope from a targets CSV, an old sheet without the columns meaning the province, and names a bad cell by row', async () => {
    const code = uniqueCode('CSV');
    await call('PUT', '/api/v1/programmes', admin, programme([], code));
    const csv = (rows: string[]) => call('PUT', `/api/v1/programmes/20/${code}/targets`, { ...admin, 'content-type': 'text/csv' }, rows.join('\n'));
    const header = 'indicatorCode,year,value,comparison,pillar,baselineDate,baselineValue';
    const old = await csv([header, `${codes.bts},2024,3762,at-least,infra,,`]);
    expect(old.json().targets).toEqual([{ indicatorCode: codes.bts, year: 2024, value: 3762, comparison: 'at-least', pillar: 'infra', scope: 'province' }]);

    const scoped = await csv([`${header},scope,unitCodes`, `${codes.bts},2024,3762,at-least,infra,,,,`, `${codes.bts},2024,40,at-least,infra,,,district,`, `${codes.noSignal},2024,5,at-most,infra,,,units,180;181`]);
    expect(scoped.statusCode).toBe(200);
    expect(scoped.json().targets.map((t: Body) => [t.scope, t.unitCodes])).toEqual([['province', undefined], ['district', undefined], ['units', ['180', '181']]]);
    expect(lines(await card('181', code))).toEqual([['BTS', 40, 'level', 'achieved'], ['NO_SIGNAL', 5, 'unit', 'not-measurable']]);

    const bad = await csv([`${header},scope,unitCodes`, `${codes.bts},2024,40,at-least,infra,,,huyện,`, `${codes.bts},2024,40,at-least,infra,,,every-level,`]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: Body) => [e.row, e.column])).toEqual([[2, 'scope']]);
    const count = await csv([`${header},scope,unitCodes`, `${codes.bts},2024,40,at-least,infra,,,every-level,`]);
    expect(count.statusCode).toBe(422);
    expect(count.json().errors).toEqual([expect.objectContaining({ field: 'row 2, scope', row: 2, column: 'scope' })]);
  });

  it('tells a district only of its own targets changing status, and the catalog event counts the targets per scope', async () => {
    const aggregation = app.get(AggregationService);
    await aggregation.applySubmission(submissionEvent({ provinceCode: '20', unitCode: '180', formCode: `${run}-G`, period: '2024', values: [{ indicatorCode: codes.bts, value: 30 }] }));
    const mine = (m: { key: string | null; value: string }) => m.key === `20:180:2024` && m.value.includes('"target-status-changed"') && m.value.includes(codes.bts);
    const changes = (all: Array<{ key: string | null; value: string }>) => all.filter(mine).map((m) => Scorecard.Envelope.parse(JSON.parse(m.value)).data).flatMap((e) => (e.kind === 'target-status-changed' ? [e] : []));
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, Scorecard.TOPIC, (all) => changes(all).some((e) => e.programmeCode === programmeCode && e.statusAfter === 'achieved'));
    // 12 from the commune, then 42 with Tràng Định's own 30: its 40, never the province's 3,762.
    expect(changes(messages).filter((e) => e.programmeCode === programmeCode).map((e) => [e.target, e.statusBefore, e.statusAfter, e.value])).toEqual([
      [40, 'not-measurable', 'not-achieved', 12],
      [40, 'not-achieved', 'achieved', 42],
    ]);
    expect(changes(messages).every((e) => e.target === 40)).toBe(true);

    const saved = (m: { key: string | null; value: string }) => m.key === `20:${programmeCode}` && m.value.includes('programme-saved');
    const catalog = await readTopic(infraEnv().KAFKA_BROKERS, Catalog.TOPIC, (all) => all.some(saved));
    expect(Catalog.Envelope.parse(JSON.parse(catalog.find(saved)!.value)).data).toMatchObject({ kind: 'programme-saved', targets: 4, targetScopes: { province: 1, district: 2, units: 1 } });
  });
});
