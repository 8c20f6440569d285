import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { Catalog, ReportForm, ReportSubmission, Scorecard } from '@dtp/contracts';
import { EnvelopeConsumer, KafkaClient, KnownFormsService } from '@dtp/messaging';
import { createService, loadConfig, OfficialRole, OfficialTokens } from '@dtp/platform';
import { infraEnv, readTopic, readWholeTopic, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from '../aggregation/aggregation.service';
import { AppModule } from '../app.module';
import { CATALOG_GENERATION, FoldGenerations } from '../read-models/fold-generations.service';
import { indicatorsEnv } from '../config';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

describe('programmes and scorecards over HTTP (FerretDB)', () => {
  const province = uniqueCode('P');
  const tokens = new OfficialTokens(SECRET, 600);
  let app: NestFastifyApplication;

  const bearer = async (roles: OfficialRole[], provinceCode = province) => ({ authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'someone', roles, provinceCode })}` });
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object | string) =>
    app.getHttpAdapter().getInstance().inject({ method, url, headers, ...(payload ? { payload } : {}) });

  const programme = (overrides: Record<string, unknown> = {}) => ({
    code: 'NQ49',
    provinceCode: province,
    nameVi: 'Nghị quyết 49-NQ/TU',
    nameEn: 'Resolution 49-NQ/TU',
    pillars: [
      { code: 'gov', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
      { code: 'soc', nameVi: 'Xã hội số', nameEn: 'Digital society' },
    ],
    targets: [
      { indicatorCode: 'DOSSIERS', year: 2023, value: 0.8, comparison: 'at-least', pillar: 'gov' },
      { indicatorCode: 'NO_SIGNAL_VILLAGES', year: 2023, value: 100, comparison: 'at-most', pillar: 'soc' },
      { indicatorCode: 'SMARTPHONES', year: 2023, value: 0.9, comparison: 'at-least', pillar: 'soc', baseline: { date: '2021-12-31', value: 0.7 } },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_http'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test', binaryBodies: ['text/csv'] }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('lets only an administrator of the province change programmes, and says why not', async () => {
    expect((await call('PUT', '/api/v1/programmes', {}, programme())).json()).toMatchObject({ status: 401, detail: 'send an official’s token (Authorization: Bearer)' });
    expect((await call('PUT', '/api/v1/programmes', { authorization: 'Bearer forged' }, programme())).json()).toMatchObject({ status: 401, detail: 'the token is not valid' });
    expect((await call('PUT', '/api/v1/programmes', await bearer(['reviewer']), programme())).json()).toMatchObject({ status: 403, detail: 'this needs the role admin', vi: { detail: 'thao tác này cần vai trò quản trị viên' } });
    expect((await call('PUT', '/api/v1/programmes', await bearer(['admin'], 'other'), programme())).statusCode).toBe(403);
    const saved = await call('PUT', '/api/v1/programmes', await bearer(['admin']), programme());
    expect(saved.json()).toMatchObject({ _id: `${province}:NQ49`, version: 1 });
    expect((await call('PUT', '/api/v1/programmes', await bearer(['admin']), programme())).json().version).toBe(2);
  });

  it('refuses a target of an unknown pillar or a second target for one indicator and year, naming them', async () => {
    const res = await call('PUT', '/api/v1/programmes', await bearer(['admin']), programme({
      code: 'BAD',
      targets: [
        { indicatorCode: 'A', year: 2023, value: 1, comparison: 'at-least', pillar: 'nope' },
        { indicatorCode: 'B', year: 2023, value: 1, comparison: 'at-least', pillar: 'gov' },
        { indicatorCode: 'B', year: 2023, value: 2, comparison: 'at-least', pillar: 'gov' },
      ],
    }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['targets[0].pillar', 'targets[2]']);
  });

  it('scores the province against the programme’s targets, with progress, trend and an ETag', async () => {
    const aggregation = app.get(AggregationService);
    const district = uniqueCode('D');
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: district, period: '2022', values: [{ indicatorCode: 'DOSSIERS', numerator: 70, denominator: 100 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: district, period: '2023', values: [{ indicatorCode: 'DOSSIERS', numerator: 86, denominator: 100 }, { indicatorCode: 'SMARTPHONES', numerator: 75, denominator: 100 }] }));
    const url = `/api/v1/scorecards/${province}/NQ49/${province}/2023`;
    const res = await call('GET', url);
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(card.summary.en).toBe('1/3 achieved, 1 not achieved, 1 not measurable');
    expect(card.pillars.map((p: { pillar: string; summary: { ratio: string } }) => [p.pillar, p.summary.ratio])).toEqual([['gov', '1/1'], ['soc', '0/2']]);
    const dossiers = card.targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'DOSSIERS');
    expect(dossiers).toMatchObject({ actual: 0.86, status: 'achieved', trend: [{ period: '2020', value: null }, { period: '2021', value: null }, { period: '2022', value: 0.7 }, { period: '2023', value: 0.86 }] });
    expect(dossiers.change).toBeCloseTo(0.16);
    expect(card.targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'SMARTPHONES')).toMatchObject({ status: 'not-achieved', progress: 'at-risk' });
    expect(card.targets.find((t: { indicatorCode: string }) => t.indicatorCode === 'NO_SIGNAL_VILLAGES')).toMatchObject({ status: 'not-measurable', actual: null });
    expect((await call('GET', url, { 'if-none-match': String(res.headers['etag']) })).statusCode).toBe(304);
    const series = (await call('GET', `/api/v1/aggregates/${province}/DOSSIERS?from=2021&to=2023`)).json();
    expect(series).toEqual([{ period: '2021', value: null, reportingUnits: 0 }, { period: '2022', value: 0.7, reportingUnits: 1 }, { period: '2023', value: 0.86, reportingUnits: 1 }]);
    expect((await call('GET', `/api/v1/aggregates/${province}/DOSSIERS?from=2021&to=202301`)).statusCode).toBe(400);
    const society = (await call('GET', `${url}?pillar=soc`)).json();
    expect(society.summary.ratio).toBe('0/2');
    expect(society.pillars.map((p: { pillar: string }) => p.pillar)).toEqual(['soc']);
  });

  it('ranks the units on an indicator, ties sharing a rank, in pages', async () => {
    const aggregation = app.get(AggregationService);
    const shares: Array<[string, number]> = [['A', 50], ['B', 90], ['C', 90], ['D', 70]];
    for (const [unit, numerator] of shares) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}${unit}`, period: '2021', values: [{ indicatorCode: 'FIBRE', numerator, denominator: 100 }] }));
    }
    const res = await call('GET', `/api/v1/rankings/${province}/FIBRE/2021?pageSize=3`);
    expect(res.json()).toMatchObject({ total: 4, page: 1, pageSize: 3, direction: 'higher-is-better' });
    expect(res.json().items.map((i: { unitCode: string; rank: number }) => [i.unitCode.slice(province.length), i.rank])).toEqual([['B', 1], ['C', 1], ['D', 3]]);
    const second = await call('GET', `/api/v1/rankings/${province}/FIBRE/2021?pageSize=3&page=2`);
    expect(second.json().items.map((i: { rank: number }) => i.rank)).toEqual([4]);
    const lowerBetter = await call('GET', `/api/v1/rankings/${province}/FIBRE/2021?direction=lower-is-better`);
    expect(lowerBetter.json().items[0].unitCode).toBe(`${province}A`);
    expect((await call('GET', `/api/v1/rankings/${province}/FIBRE/2021?pageSize=0`)).statusCode).toBe(400);
    // These test units are not in the hierarchy, so no district is among them.
    expect((await call('GET', `/api/v1/rankings/${province}/FIBRE/2021?level=district`)).json().total).toBe(0);
  });

  it('keeps what its consumer dead-letters for administrators of its province to list and replay, and a national administrator every province’s', async () => {
    const key = `${province}:${uniqueCode('DLQ')}`;
    const broken = { id: 'x', data: { revision: -1 } };
    await app.get(EnvelopeConsumer).consume(
      { topic: ReportSubmission.TOPIC, partition: 0, offset: `${Date.now()}`, key, value: JSON.stringify(broken) },
      ReportSubmission.Envelope,
      async () => undefined,
    );
    expect((await call('GET', '/api/v1/admin/dead-letters')).statusCode).toBe(401);
    const listed = await call('GET', `/api/v1/admin/dead-letters?topic=${ReportSubmission.TOPIC}`, await bearer(['admin']));
    const letter = listed.json().items.find((l: { key: string }) => l.key === key);
    expect(letter).toMatchObject({ topic: ReportSubmission.TOPIC, attempts: 0, replays: 0, value: JSON.stringify(broken) });
    expect(letter.reason).toMatch(/^invalid: /);
    expect(letter.provinceCode).toBe(province);
    const stranger = await bearer(['admin'], uniqueCode('P'));
    const theirs = await call('GET', `/api/v1/admin/dead-letters?topic=${ReportSubmission.TOPIC}&pageSize=500`, stranger);
    expect(theirs.json().items.map((l: { key: string }) => l.key)).not.toContain(key);
    expect((await call('POST', `/api/v1/admin/dead-letters/${encodeURIComponent(letter._id)}/replay`, stranger)).statusCode).toBe(404);
    const national = await call('GET', `/api/v1/admin/dead-letters?topic=${ReportSubmission.TOPIC}&pageSize=500`, await bearer(['national-admin'], ''));
    expect(national.json().items.map((l: { key: string }) => l.key)).toContain(key);
    const replayed = await call('POST', `/api/v1/admin/dead-letters/${encodeURIComponent(letter._id)}/replay`, await bearer(['admin']));
    expect(replayed.json()).toMatchObject({ replays: 1 });
    const again = await readTopic(infraEnv().KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.some((x) => x.key === key));
    expect(again.find((m) => m.key === key)).toMatchObject({ value: JSON.stringify(broken), headers: { 'replayed-from': letter._id } });
  });

  it('knows Lạng Sơn’s district-level units, takes communes from a CSV, and folds a commune into its district and province', async () => {
    const districts = await call('GET', '/api/v1/units?under=20&level=district&on=2024-06-01');
    expect(districts.json().map((u: { id: string }) => u.id)).toEqual(['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189']);
    expect((await call('GET', '/api/v1/units?under=20&level=district&on=2025-07-01')).json()).toEqual([]);

    // Fictional communes for the test: real commune lists are imported data, never written in code.
    const [c1, c2] = [uniqueCode('X'), uniqueCode('X')];
    const csv = [
      'id,officialCode,name,level,validFrom,validTo,parentId,parentFrom,parentTo,successors',
      `${c1},,Xã thử nghiệm 1,commune,,,180,,2025-06-30,`,
      `${c1},,,,,,20,2025-07-01,,`,
      `${c2},,Xã thử nghiệm 2,commune,,2025-06-30,181,,,`,
    ].join('\n');
    expect((await call('POST', '/api/v1/units/import', { 'content-type': 'text/csv' }, csv)).statusCode).toBe(401);
    const imported = await call('POST', '/api/v1/units/import', { ...(await bearer(['admin'], '20')), 'content-type': 'text/csv' }, csv);
    expect(imported.json()).toEqual({ imported: 2 });

    const aggregation = app.get(AggregationService);
    await aggregation.applySubmission(submissionEvent({ provinceCode: '20', unitCode: c1, period: '2024', values: [{ indicatorCode: `BTS${c1}`, value: 5 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: '20', unitCode: c1, period: '2026', values: [{ indicatorCode: `BTS${c1}`, value: 6 }] }));
    expect((await aggregation.get('180', `BTS${c1}`, '2024'))?.totals.sum).toBe(5);
    expect((await aggregation.get('20', `BTS${c1}`, '2024'))?.totals.sum).toBe(5);
    // No district level in 2026: straight to the province.
    expect(await aggregation.get('180', `BTS${c1}`, '2026')).toBeNull();
    expect((await aggregation.get('20', `BTS${c1}`, '2026'))?.totals.sum).toBe(6);
  });

  it('refuses units that would break the hierarchy, naming the problem', async () => {
    const broken = ['id,officialCode,name,level,validFrom,validTo,parentId,parentFrom,parentTo,successors', 'Y1,,Xã lỗi,commune,,,NOPE,,,', 'Y2,,,village,,,,,,'].join('\n');
    const res = await call('POST', '/api/v1/units/import', { ...(await bearer(['admin'], '20')), 'content-type': 'text/csv' }, broken);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['row 3, name', 'row 3, level']);
    const orphan = await call('POST', '/api/v1/units/import', { ...(await bearer(['admin'], '20')), 'content-type': 'text/csv' }, broken.split('\n').slice(0, 2).join('\n'));
    expect(orphan.json().errors[0].message).toBe('Y1: parent NOPE does not exist');
  });

  it('documents every operation with a summary, its answer and an example for every field', async () => {
    const doc = (await call('GET', '/docs/openapi.json')).json();
    const gaps: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { summary?: string; responses: Record<string, { content?: unknown }> }>>(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries(operations)) {
        if (!op.summary) gaps.push(`${method} ${path}: no summary`);
        if (!Object.entries(op.responses).some(([code, r]) => code.startsWith('2') && r.content)) gaps.push(`${method} ${path}: no documented answer`);
      }
    }
    for (const [name, schema] of Object.entries<{ properties?: Record<string, { example?: unknown; $ref?: string; items?: { $ref?: string }; allOf?: unknown }> }>(doc.components.schemas)) {
      for (const [property, spec] of Object.entries(schema.properties ?? {})) {
        if (!spec.$ref && !spec.items?.$ref && !spec.allOf && spec.example === undefined) gaps.push(`${name}.${property}: no example`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('reports completeness and timeliness of a form from the units that owed it on the cut-off date', async () => {
    const form = uniqueCode('RR');
    const forms = app.get(KnownFormsService);
    const formEvent = (version: number, levels: Array<'district' | 'commune'>) =>
      ReportForm.envelope({ source: 'test', data: { kind: 'saved', provinceCode: '20', code: form, nameVi: 'Biểu mẫu', nameEn: 'Form', periodType: 'year', calendar: 'decree-09', levels, countSubmitted: true, version } });
    await forms.apply(formEvent(2, ['district']));
    await forms.apply(formEvent(1, ['commune'])); // late and older: ignored
    const aggregation = app.get(AggregationService);
    for (const [unitCode, late] of [['178', false], ['180', true], ['181', false]] as const) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: '20', unitCode, formCode: form, period: '2024', late, values: [{ indicatorCode: `RR${form}`, value: 1 }] }));
    }
    const rates = (await call('GET', `/api/v1/reporting-rates/20/${form}/2024`, await bearer(['reviewer'], '20'))).json();
    expect(rates.cutOff).toBe('2024-12-14');
    expect(rates.province).toEqual({ expected: 11, received: 3, onTime: 2, completeness: 3 / 11, timeliness: 2 / 11 });
    expect(rates.levels).toEqual([{ level: 'district', expected: 11, received: 3, onTime: 2, completeness: 3 / 11, timeliness: 2 / 11 }]);
    expect(rates.units.find((u: { unitCode: string }) => u.unitCode === '180')).toEqual({ unitCode: '180', name: 'Tràng Định', level: 'district', received: true, onTime: false });
    expect(rates.units.find((u: { unitCode: string }) => u.unitCode === '182')).toMatchObject({ received: false, onTime: false });
    // No district level at the 2025 cut-off (14/12/2025): nobody owes this district form.
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2025`, await bearer(['reviewer'], '20'))).json().province.expected).toBe(0);
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2024Q1`, await bearer(['reviewer'], '20'))).statusCode).toBe(400);
    expect((await call('GET', `/api/v1/reporting-rates/20/unknown-form/2024`, await bearer(['reviewer'], '20'))).statusCode).toBe(404);
    // Which units did not report is the province's own business.
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2024`)).statusCode).toBe(401);
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2024`, await bearer(['reviewer'], '42'))).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2024`, await bearer(['national-admin'], ''))).statusCode).toBe(200);
  });

  it('counts the units that owed a form’s report on its own cut-off, and Decree 09’s again once the form drops it', async () => {
    const form = uniqueCode('OWN');
    const forms = app.get(KnownFormsService);
    const own = { cutOff: { kind: 'day-of-month' as const, day: 30, monthsAfterPeriodEnd: -6 }, legalBasis: { document: 'Thông tư 03/2022/TT-BTTTT', article: 'Điều 5' } };
    const formEvent = (version: number, extra: Partial<ReportForm.Payload>) =>
      ReportForm.envelope({ source: 'test', data: { kind: 'saved', provinceCode: '20', code: form, nameVi: 'Biểu mẫu', nameEn: 'Form', periodType: 'year', calendar: 'decree-09', levels: ['district'], countSubmitted: true, version, ...extra } });
    await forms.apply(formEvent(1, own));
    // A year cut off on 30/6/2025, the districts' last day: all 11 of Lạng Sơn's owe 2025.
    const rates = (await call('GET', `/api/v1/reporting-rates/20/${form}/2025`, await bearer(['reviewer'], '20'))).json();
    expect(rates.cutOff).toBe('2025-06-30');
    expect(rates.province.expected).toBe(11);
    await forms.apply(formEvent(2, {}));
    expect(await forms.find('20', form)).not.toHaveProperty('cutOff');
    await app.get(FoldGenerations).bump(CATALOG_GENERATION);
    expect((await call('GET', `/api/v1/reporting-rates/20/${form}/2025`, await bearer(['reviewer'], '20'))).json()).toMatchObject({ cutOff: '2025-12-14', province: { expected: 0 } });
  });

  it('announces a unit’s report that arrived late, once', async () => {
    const aggregation = app.get(AggregationService);
    const unit = uniqueCode('LATE');
    const late = submissionEvent({ provinceCode: province, unitCode: unit, period: '2020', formCode: 'F-LATE', late: true, values: [{ indicatorCode: 'X', value: 1 }] });
    await aggregation.applySubmission(late);
    await aggregation.applySubmission(submissionEvent({ ...late.data, revision: 2 }));
    const key = `${province}:${unit}:2020`;
    const lateNotice = (m: { key: string | null; value: string }) => m.key === key && m.value.includes('"unit-late"');
    await readTopic(infraEnv().KAFKA_BROKERS, Scorecard.TOPIC, (all) => all.some(lateNotice));
    // Had the second revision announced again, it would be on the topic by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await readWholeTopic(infraEnv().KAFKA_BROKERS, Scorecard.TOPIC);
    expect(again.filter(lateNotice).map((m) => Scorecard.Envelope.parse(JSON.parse(m.value)).data)).toEqual([{ kind: 'unit-late', provinceCode: province, unitCode: unit, period: '2020', formCode: 'F-LATE' }]);
  });

  it('announces on indicators.scorecard.v1 when a target changes status, such as newly achieved', async () => {
    const indicator = uniqueCode('STATUS');
    const saved = await call('PUT', '/api/v1/programmes', await bearer(['admin']), programme({ code: 'WATCHED', targets: [{ indicatorCode: indicator, year: 2022, value: 10, comparison: 'at-least', pillar: 'gov' }] }));
    expect(saved.statusCode).toBe(200);
    const aggregation = app.get(AggregationService);
    const unit = uniqueCode('D');
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: unit, period: '2022', values: [{ indicatorCode: indicator, value: 5 }] }));
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: unit, period: '2022', revision: 2, values: [{ indicatorCode: indicator, value: 12 }] }));
    const key = `${province}:${province}:2022`;
    const changed = (m: { key: string | null; value: string }) => m.key === key && m.value.includes('"target-status-changed"') && m.value.includes(indicator);
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, Scorecard.TOPIC, (all) => all.filter(changed).length >= 2);
    const events = messages.filter(changed).map((m) => Scorecard.Envelope.parse(JSON.parse(m.value)).data);
    expect(events.map((e) => (e.kind === 'target-status-changed' ? [e.programmeCode, e.statusBefore, e.statusAfter, e.value] : []))).toEqual([
      ['WATCHED', 'not-measurable', 'not-achieved', 5],
      ['WATCHED', 'not-achieved', 'achieved', 12],
    ]);
  });

  it('keeps indicator definitions, ranks by their direction, and announces every catalog change on indicators.catalog.v1', async () => {
    const code = uniqueCode('NOSIGNAL');
    const definition = { provinceCode: province, code, nameVi: 'Số thôn trắng sóng', nameEn: 'Villages without signal', unitOfMeasure: 'thôn', kind: 'count', direction: 'lower-is-better', reportedBy: ['district', 'commune'] };
    expect((await call('PUT', '/api/v1/indicators', await bearer(['reviewer']), definition)).statusCode).toBe(403);
    expect((await call('PUT', '/api/v1/indicators', await bearer(['admin']), { ...definition, kind: 'rank' })).statusCode).toBe(422);
    const saved = await call('PUT', '/api/v1/indicators', await bearer(['admin']), definition);
    expect(saved.json()).toMatchObject({ code, direction: 'lower-is-better', version: 1 });
    expect(saved.json()).not.toHaveProperty('outbox');

    const aggregation = app.get(AggregationService);
    for (const [unit, value] of [['A', 30], ['B', 4]] as const) {
      await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: `${province}${code}${unit}`, period: '2023', values: [{ indicatorCode: code, value }] }));
    }
    // Fewest villages without signal first, as the catalog says.
    expect((await call('GET', `/api/v1/rankings/${province}/${code}/2023`)).json()).toMatchObject({ direction: 'lower-is-better', items: [{ unitCode: `${province}${code}B`, rank: 1 }, { unitCode: `${province}${code}A`, rank: 2 }] });

    const mine = (m: { key: string | null; value: string }) => (m.key === `${province}:${code}` || m.key === `${province}:NQ49`) && m.value.includes('-saved');
    const messages = await readTopic(infraEnv().KAFKA_BROKERS, Catalog.TOPIC, (all) => all.filter(mine).length >= 3);
    const events = messages.filter(mine).map((m) => Catalog.Envelope.parse(JSON.parse(m.value)).data);
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'indicator-saved', provinceCode: province, code, version: 1 },
        { kind: 'programme-saved', provinceCode: province, code: 'NQ49', version: 1, targets: 3, targetScopes: { province: 3 } },
        { kind: 'programme-saved', provinceCode: province, code: 'NQ49', version: 2, targets: 3, targetScopes: { province: 3 } },
      ]),
    );
    const imports = await readTopic(infraEnv().KAFKA_BROKERS, Catalog.TOPIC, (all) => all.some((m) => m.key === 'units'));
    expect(Catalog.Envelope.parse(JSON.parse(imports.find((m) => m.key === 'units')!.value)).data).toMatchObject({ kind: 'units-imported' });
  });

  it('replaces a programme’s targets from a CSV, vi-VN numbers included, and names each bad cell', async () => {
    const admin = await bearer(['admin']);
    await call('PUT', '/api/v1/programmes', admin, programme({ code: 'CSV' }));
    const header = 'indicatorCode,year,value,comparison,pillar,baselineDate,baselineValue';
    const good = [header, 'DOSSIERS,2025,"0,8",at-least,gov,2021-12-31,0.45', 'NO_SIGNAL_VILLAGES,2025,100,at-most,soc,,'].join('\n');
    const res = await call('PUT', `/api/v1/programmes/${province}/CSV/targets`, { ...admin, 'content-type': 'text/csv' }, good);
    expect(res.statusCode).toBe(200);
    expect(res.json().targets).toEqual([
      { indicatorCode: 'DOSSIERS', year: 2025, value: 0.8, comparison: 'at-least', pillar: 'gov', baseline: { date: '2021-12-31', value: 0.45 }, scope: 'province' },
      { indicatorCode: 'NO_SIGNAL_VILLAGES', year: 2025, value: 100, comparison: 'at-most', pillar: 'soc', scope: 'province' },
    ]);
    const bad = [header, 'X,20x5,abc,more,nope,2021-12-31,'].join('\n');
    const refused = await call('PUT', `/api/v1/programmes/${province}/CSV/targets`, { ...admin, 'content-type': 'text/csv' }, bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { column: string }) => e.column)).toEqual(['year', 'value', 'comparison', 'pillar', 'baselineDate']);
    expect((await call('GET', `/api/v1/programmes/${province}/CSV`)).json().targets).toHaveLength(2);
  });

  it('imports units given as JSON with the same checks as a CSV', async () => {
    const admin = await bearer(['admin'], '20');
    const id = uniqueCode('J');
    const ok = await call('POST', '/api/v1/units/import.json', admin, { units: [{ id, name: 'Xã thử nghiệm JSON', level: 'commune', validTo: '2025-06-30', parents: [{ parentId: '182' }], successors: [] }] });
    expect(ok.json()).toEqual({ imported: 1 });
    expect((await call('GET', '/api/v1/units?under=182&on=2024-01-01')).json().map((u: { id: string }) => u.id)).toContain(id);
    const orphan = await call('POST', '/api/v1/units/import.json', admin, { units: [{ id: uniqueCode('J'), name: 'Xã lỗi', level: 'commune', parents: [{ parentId: 'NOPE' }], successors: [] }] });
    expect(orphan.statusCode).toBe(422);
    expect((await call('POST', '/api/v1/units/import.json', admin, { units: [{ id: 'bad id', name: '', level: 'village', parents: [], successors: [] }] })).statusCode).toBe(400);
  });

  it('lets a province’s administrator import units of that province only, and a national administrator any province’s', async () => {
    const lạngSơn = await bearer(['admin'], '20');
    const underHàTĩnh = { id: uniqueCode('H'), name: 'Xã thử nghiệm Hà Tĩnh', level: 'commune', validTo: '2025-06-30', parents: [{ parentId: '436' }], successors: [] };
    const refused = await call('POST', '/api/v1/units/import.json', lạngSơn, { units: [underHàTĩnh] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors).toEqual([
      {
        field: `unit ${underHàTĩnh.id}, parents`,
        message: `${underHàTĩnh.id}: not a unit of province 20; its administrators change only units under it`,
        messageVi: `${underHàTĩnh.id}: không phải đơn vị thuộc tỉnh 20; quản trị viên của tỉnh chỉ được thay đổi các đơn vị trực thuộc tỉnh`,
      },
    ]);
    // Nor is another province's unit taken by moving it, nor the other province renamed.
    expect((await call('POST', '/api/v1/units/import.json', lạngSơn, { units: [{ id: '436', name: 'Thành phố Hà Tĩnh', level: 'district', validTo: '2025-06-30', parents: [{ parentId: '20' }], successors: [] }] })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/units/import.json', lạngSơn, { units: [{ id: '42', name: 'Tỉnh khác', level: 'province', parents: [], successors: [] }] })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/units?under=436&on=2024-01-01')).json()).toEqual([]);
    expect((await call('POST', '/api/v1/units/import.json', await bearer(['admin'], '42'), { units: [underHàTĩnh] })).json()).toEqual({ imported: 1 });
    const national = await bearer(['national-admin'], '');
    const elsewhere = { ...underHàTĩnh, id: uniqueCode('H') };
    expect((await call('POST', '/api/v1/units/import.json', national, { units: [elsewhere] })).json()).toEqual({ imported: 1 });
  });

  it('refuses units that are not a tree of the map, naming the unit and field in both languages', async () => {
    const admin = await bearer(['admin'], '20');
    const orphan = uniqueCode('O');
    const noParent = await call('POST', '/api/v1/units/import.json', admin, { units: [{ id: orphan, name: 'Xã không cấp trên', level: 'commune', parents: [], successors: [] }] });
    expect(noParent.statusCode).toBe(422);
    expect(noParent.json().errors).toContainEqual({ field: `unit ${orphan}, parents`, message: `${orphan}: has no parent at any time`, messageVi: `${orphan}: không có đơn vị cấp trên trong toàn bộ thời gian tồn tại` });
    const commune = uniqueCode('C');
    const province = uniqueCode('P');
    const upsideDown = await call('POST', '/api/v1/units/import.json', await bearer(['national-admin'], ''), {
      units: [
        { id: commune, name: 'Xã thử nghiệm', level: 'commune', validTo: '2025-06-30', parents: [{ parentId: '180' }], successors: [] },
        { id: province, name: 'Tỉnh dưới xã', level: 'province', parents: [{ parentId: commune }], successors: [] },
      ],
    });
    expect(upsideDown.statusCode).toBe(422);
    expect(upsideDown.json().errors).toContainEqual({
      field: `unit ${province}, parents`,
      message: `${province}: a province has no parent unit, yet ${commune} is given`,
      messageVi: `${province}: đơn vị cấp tỉnh không có đơn vị cấp trên, nhưng đã khai báo ${commune}`,
    });
    // A district outliving its province: a hierarchy problem, now in Vietnamese too.
    const shortLived = uniqueCode('P');
    const district = uniqueCode('D');
    const outlives = await call('POST', '/api/v1/units/import.json', await bearer(['national-admin'], ''), {
      units: [
        { id: shortLived, name: 'Tỉnh thử nghiệm', level: 'province', validTo: '2025-06-30', parents: [], successors: [] },
        { id: district, name: 'Huyện thử nghiệm', level: 'district', parents: [{ parentId: shortLived }], successors: [] },
      ],
    });
    expect(outlives.statusCode).toBe(422);
    expect(outlives.json().errors).toContainEqual({ field: `unit ${district}, parents`, message: `${district}: has no parent from 2025-07-01 on`, messageVi: `${district}: không có đơn vị cấp trên từ ngày 01/07/2025 trở đi` });
    for (const e of outlives.json().errors) expect(e.messageVi).not.toBe(e.message);
  });

  it('answers 404 for a programme it does not have, and a bad period with the accepted forms', async () => {
    expect((await call('GET', `/api/v1/scorecards/${province}/NOPE/${province}/2023`)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/scorecards/${province}/NQ49/${province}/2023Q9`)).json().detail).toMatch(/Accepted forms/);
  });
});
