import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterTopicOf, ReportSubmission, Scorecard } from '@dtp/contracts';
import {
  infraEnv,
  reportFormFixture,
  produceRaw,
  readTopic,
  runServiceProcess,
  RunningService,
  startServiceProcess,
  testDatabaseName,
  uniqueCode,
  waitFor,
  waitForGroupToCatchUp,
} from '@dtp/testing';
import { MongoClient } from 'mongodb';

/**
 * The walking skeleton on the real infrastructure: a report posted to reports is stored with its
 * outbox entry, relayed to Kafka, folded by indicators into the provincial value, and seen by
 * notifications and exports, each service its own process.
 */
describe('walking skeleton: report in, provincial value out', () => {
  const env = infraEnv();
  const run = uniqueCode('e2e');
  const databases = {
    reports: testDatabaseName('reports'),
    indicators: testDatabaseName('indicators'),
    notifications: testDatabaseName('notifications'),
    exports: testDatabaseName('exports'),
  };
  const groups = { indicators: `indicators-${run}`, notifications: `notifications-${run}`, exports: `exports-${run}` };
  const services: Record<string, RunningService> = {};
  const exportsDirectory = mkdtempSync(join(tmpdir(), 'dtp-e2e-exports-'));
  // Lạng Sơn. Runs on one broker never mix: each run's forms and indicator codes carry its id,
  // and each test reports its own years.
  const province = '20';
  const code = (name: string) => `${name}_${run}`;
  const FORM = `E2E-${run}`;
  const indicators = [
    { code: code('DOSSIERS'), nameVi: 'Hồ sơ số hoá', nameEn: 'Dossiers digitized', unitOfMeasure: '%', kind: 'ratio', direction: 'higher-is-better' },
    { code: code('BTS'), nameVi: 'Trạm BTS', nameEn: 'BTS stations', unitOfMeasure: 'trạm', kind: 'count', direction: 'higher-is-better' },
    { code: code('PILOT'), nameVi: 'Thí điểm', nameEn: 'Pilot', unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better', milestoneAggregation: 'count' },
  ];
  const adminPassword = `e2e-admin-${run}`;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const common = { ...env, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '200', JWT_SECRET: `e2e-jwt-secret-${run}-padding-padding` };
    const started = await Promise.all([
      startServiceProcess('reports', 13101, {
        ...common,
        MONGO_DB: databases.reports,
        ADMIN_PASSWORD: adminPassword,
        ADMIN_PROVINCE_CODE: province,
      }),
      startServiceProcess('indicators', 13102, { ...common, MONGO_DB: databases.indicators, KAFKA_GROUP_ID: groups.indicators }),
      startServiceProcess('notifications', 13103, { ...common, MONGO_DB: databases.notifications, KAFKA_GROUP_ID: groups.notifications, QUEUE_PREFIX: run.toLowerCase() }),
      startServiceProcess('exports', 13104, { ...common, MONGO_DB: databases.exports, KAFKA_GROUP_ID: groups.exports, QUEUE_PREFIX: `x${run.toLowerCase()}`, INDICATORS_URL: 'http://127.0.0.1:13102', EXPORTS_DIR: exportsDirectory }),
    ]);
    for (const service of started) services[service.name] = service;
    // A new consumer group reads the topic from the start; on a developer's long-lived broker that
    // history can be long. Let indicators catch up first, so the tests time only their own events.
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${groups.indicators}-fold`, ReportSubmission.TOPIC, 110000);
    const token = await post('/api/v1/auth/token', {}, { username: 'admin', password: adminPassword });
    admin = { authorization: `Bearer ${token.accessToken}` };
    await put('/api/v1/forms', admin, reportFormFixture(province, { code: FORM, periodType: 'year', deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 }, indicators }));
  });

  const send = async (method: string, path: string, headers: Record<string, string>, body: object, expected: number) => {
    const res = await fetch(`${services['reports']!.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    expect({ path, status: res.status, body: text.slice(0, 300) }).toMatchObject({ status: expected });
    return JSON.parse(text);
  };
  const post = (path: string, headers: Record<string, string>, body: object, expected = 200) => send('POST', path, headers, body, expected);
  const put = (path: string, headers: Record<string, string>, body: object) => send('PUT', path, headers, body, 200);

  /** A unit's system, with the key the province issued it. */
  const unitSystem = async (unitCode = uniqueCode('D')) => {
    const issued = await post('/api/v1/api-keys', admin, { provinceCode: province, unitCode, expiresAt: '2099-01-01T00:00:00Z' }, 201);
    return { unitCode, headers: { 'x-api-key': issued.key as string } };
  };

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    const client = await MongoClient.connect(env.MONGO_URL);
    for (const name of Object.values(databases)) await client.db(name).dropDatabase();
    await client.close();
  });

  const submit = async (unit: { headers: Record<string, string> }, period: string, values: object[]) =>
    post('/api/v1/submissions', unit.headers, { formCode: FORM, period, values }, 201) as Promise<{ _id: string; revision: number }>;

  const values = (dossiers: [number, number], bts: number) => [
    { indicatorCode: code('DOSSIERS'), numerator: dossiers[0], denominator: dossiers[1] },
    { indicatorCode: code('BTS'), value: bts },
    { indicatorCode: code('PILOT'), done: true },
  ];

  const provincialValue = (province: string, indicator: string, period: string) =>
    fetch(`${services['indicators']!.baseUrl}/api/v1/aggregates/${province}/${indicator}/${period}`).then(async (r) =>
      r.status === 200 ? ((await r.json()) as { value: number | null; reportingUnits: number; totals: Record<string, number> }) : null,
    );

  it('folds district reports into the provincial value: 630,485 / 732,908 = 86.0%', async () => {
    const districts: Array<[number, number]> = [
      [210_000, 240_000],
      [300_485, 352_908],
      [120_000, 140_000],
    ];
    for (const parts of districts) await submit(await unitSystem(), '2023', values(parts, 100));
    const provincial = await waitFor(() => provincialValue(province, code('DOSSIERS'), '2023'), (v) => v?.reportingUnits === 3, { what: 'provincial value', timeoutMs: 30000 });
    expect(provincial!.totals).toMatchObject({ numerator: 630_485, denominator: 732_908 });
    expect(Math.round(provincial!.value! * 1000) / 10).toBe(86.0);
  });

  it('shows Lạng Sơn’s scorecard: 86.0% of dossiers digitized, 21/30 targets achieved, unchanged when every event arrives again', async () => {
    const LANG_SON_DISTRICTS = ['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189'];
    const form = `SC-${run}`;
    const counts = Array.from({ length: 24 }, (_, i) => code(`C${i}`));
    await put('/api/v1/forms', admin, reportFormFixture(province, {
      code: form,
      periodType: 'year',
      deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 },
      levels: ['district'],
      indicators: [indicators[0], ...counts.map((c) => ({ code: c, nameVi: c, nameEn: c, unitOfMeasure: '', kind: 'count', direction: 'higher-is-better' }))],
    }));
    // Parts of the seed's provincial figure, one per district; every count is 1 per district, 11 in the province.
    const dossiers = [60_000, 52_000, 48_000, 70_000, 55_000, 45_000, 51_000, 80_000, 58_000, 62_000, 49_485];
    const bases = [70_000, 61_000, 56_000, 81_000, 64_000, 52_000, 59_000, 93_000, 68_000, 72_000, 56_908];
    for (const [i, district] of LANG_SON_DISTRICTS.entries()) {
      const unit = await unitSystem(district);
      const reported = [{ indicatorCode: code('DOSSIERS'), numerator: dossiers[i]!, denominator: bases[i]! }, ...counts.map((c) => ({ indicatorCode: c, value: 1 }))];
      await post('/api/v1/submissions', unit.headers, { formCode: form, period: '2019', values: reported }, 201);
    }
    // 30 targets: 21 met (dossiers ≥ 80 %, 20 counts ≥ 10), 4 missed (counts ≥ 12), 5 on indicators nobody reports.
    const programme = {
      code: `NQ49-${run}`,
      provinceCode: province,
      nameVi: 'Nghị quyết 49-NQ/TU (kiểm thử)',
      nameEn: 'Resolution 49-NQ/TU (test)',
      pillars: [
        { code: 'digital-government', nameVi: 'Chính quyền số', nameEn: 'Digital government' },
        { code: 'digital-economy', nameVi: 'Kinh tế số', nameEn: 'Digital economy' },
        { code: 'digital-society', nameVi: 'Xã hội số', nameEn: 'Digital society' },
      ],
      targets: [
        { indicatorCode: code('DOSSIERS'), year: 2019, value: 0.8, comparison: 'at-least', pillar: 'digital-government' },
        ...counts.map((c, i) => ({ indicatorCode: c, year: 2019, value: i < 20 ? 10 : 12, comparison: 'at-least', pillar: i < 12 ? 'digital-economy' : 'digital-society' })),
        ...Array.from({ length: 5 }, (_, i) => ({ indicatorCode: code(`UNREPORTED${i}`), year: 2019, value: 1, comparison: 'at-least', pillar: 'digital-society' })),
      ],
    };
    const indicatorsApi = services['indicators']!.baseUrl;
    const saved = await fetch(`${indicatorsApi}/api/v1/programmes`, { method: 'PUT', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(programme) });
    expect(saved.status).toBe(200);
    const scorecardUrl = `${indicatorsApi}/api/v1/scorecards/${province}/${programme.code}/${province}/2019`;
    const card = await waitFor(
      async () => (await fetch(scorecardUrl)).json() as Promise<{ summary: { ratio: string; en: string; vi: string }; targets: Array<{ indicatorCode: string; actual: number | null; status: string }>; pillars: Array<{ pillar: string; summary: { ratio: string } }> }>,
      // Settled: every district counted in every indicator.
      (c) => counts.every((k) => c.targets?.find((t) => t.indicatorCode === k)?.actual === 11) && c.targets.find((t) => t.indicatorCode === code('DOSSIERS'))?.actual === 630_485 / 732_908,
      { what: 'the scorecard to count all eleven districts', timeoutMs: 30000 },
    );
    const digitized = card.targets.find((t) => t.indicatorCode === code('DOSSIERS'))!;
    expect(Math.round(digitized.actual! * 1000) / 10).toBe(86.0);
    expect(card.summary).toEqual({ ratio: '21/30', en: '21/30 achieved, 4 not achieved, 5 not measurable', vi: '21/30 chỉ tiêu đạt, 4 chỉ tiêu không đạt, 5 chỉ tiêu không đánh giá được' });
    expect(card.pillars.map((p) => [p.pillar, p.summary.ratio])).toEqual([['digital-government', '1/1'], ['digital-economy', '12/12'], ['digital-society', '8/17']]);

    // Every event of this form delivered again: the scorecard does not move, and its ETag says so.
    const first = await fetch(scorecardUrl);
    const etag = first.headers.get('etag')!;
    const events = (await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.filter((x) => x.value.includes(`"formCode":"${form}"`)).length >= 11)).filter((m) => m.value.includes(`"formCode":"${form}"`));
    await produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, [...events].reverse().map((m) => ({ key: m.key!, value: m.value })));
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${groups.indicators}-fold`, ReportSubmission.TOPIC);
    const again = await fetch(scorecardUrl, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await (await fetch(scorecardUrl)).json()).toEqual(await first.json());
  });

  it('does not double-count a duplicate delivery of the same event', async () => {
    const unit = await unitSystem();
    await submit(unit, '2022', values([1, 2], 1396));
    await waitFor(() => provincialValue(province, code('BTS'), '2022'), (v) => v?.value === 1396, { what: 'first value' });

    const key = ReportSubmission.keyOf({ provinceCode: province, unitCode: unit.unitCode, period: '2022' });
    // Keyed by province: this unit's event is the one carrying its code.
    const mine = (m: { key: string | null; value: string }) => m.key === key && m.value.includes(`"unitCode":"${unit.unitCode}"`);
    const [original] = (await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.some(mine))).filter(mine);
    // The broker delivers the very same event again, twice (a producer retry, a relay restart).
    await produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, [
      { key, value: original!.value },
      { key, value: original!.value },
    ]);
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, `${groups.indicators}-fold`, ReportSubmission.TOPIC);

    const after = await provincialValue(province, code('BTS'), '2022');
    expect(after).toMatchObject({ value: 1396, reportingUnits: 1 });
  });

  it('parks a malformed event on the dead-letter topic with the reason and goes on with the next one', async () => {
    const unit = await unitSystem();
    const key = ReportSubmission.keyOf({ provinceCode: province, unitCode: unit.unitCode, period: '2020' });
    await produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, [{ key, value: JSON.stringify({ id: 'not-an-envelope', data: { revision: -1 } }) }]);
    await submit(unit, '2020', values([3, 4], 7));
    const applied = await waitFor(() => provincialValue(province, code('BTS'), '2020'), (v) => v?.value === 7, { what: 'the good event after the bad one' });
    expect(applied).toMatchObject({ reportingUnits: 1 });
    const parked = (await readTopic(env.KAFKA_BROKERS, deadLetterTopicOf(ReportSubmission.TOPIC), (m) => m.some((x) => x.key === key))).filter((m) => m.key === key);
    expect(parked.length).toBeGreaterThanOrEqual(1);
    expect(parked[0]!.headers['dlq-reason']).toMatch(/^invalid: /);
    expect(parked[0]!.headers['dlq-original-topic']).toBe(ReportSubmission.TOPIC);
  });

  it('lets notifications and exports consume the events (the calendar shows the report; exports logs what it saw)', async () => {
    const unit = await unitSystem();
    await submit(unit, '2021', values([5, 10], 3));
    const calendar = await waitFor(
      async () => (await fetch(`${services['notifications']!.baseUrl}/api/v1/calendar/${province}?unit=${unit.unitCode}&form=${FORM}`, { headers: admin })).json() as Promise<Array<{ period: string; state: string }>>,
      (rows) => rows.length === 1,
      { what: 'the notifications calendar to show the report' },
    );
    expect(calendar[0]).toMatchObject({ period: '2021', state: 'submitted' });
    await readTopic(env.KAFKA_BROKERS, Scorecard.TOPIC, (m) => m.some((x) => x.key === `${province}:${province}:2021` && x.value.includes(code('BTS'))));
    await waitFor(async () => services['exports']!.output(), (out) => out.includes('"scorecard changed"') && out.includes(`"indicatorCode":"${code('BTS')}"`), {
      what: 'exports to log the scorecard change',
    });
    // The same report, as a file from exports, with the official's token from reports. The file
    // shows each value as its indicator reads: once indicators has the form's definitions.
    await waitFor(async () => (await fetch(`${services['indicators']!.baseUrl}/api/v1/indicators/${province}/${code('DOSSIERS')}`, { headers: admin })).status, (status) => status === 200, {
      what: 'the form’s indicators in the catalog',
      timeoutMs: 60000,
      intervalMs: 500,
    });
    const exportsUrl = services['exports']!.baseUrl;
    const request = { kind: 'submission', format: 'csv', provinceCode: province, unitCode: unit.unitCode, formCode: FORM, period: '2021' };
    const job = await waitFor(
      async () => {
        const created = await fetch(`${exportsUrl}/api/v1/exports`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify(request) }).then((r) => r.json() as Promise<{ id: string }>);
        return waitFor(async () => (await fetch(`${exportsUrl}/api/v1/exports/${created.id}`, { headers: admin })).json() as Promise<{ status: string; downloadPath?: string }>, (j) => ['completed', 'failed'].includes(j.status), { what: 'the export to end' });
      },
      // Until exports has copied the report from Kafka, the export fails for want of it.
      (j) => j.status === 'completed',
      { what: 'a completed export of the report', timeoutMs: 30000, intervalMs: 500 },
    );
    const csv = await (await fetch(`${exportsUrl}${job.downloadPath}`, { headers: admin })).text();
    // indicator_code, indicator_name, unit_of_measure, value, numerator, denominator, done: a share in
    // the unit it is read in (the form's indicator, adopted by the catalog: 50 %), beside its parts.
    expect(csv).toMatch(new RegExp(`\\r\\n${code('DOSSIERS')},[^,]*,%,50,5,10,\\r\\n`));
    expect(csv).toMatch(new RegExp(`\\r\\n${code('BTS')},[^,]*,[^,]*,3,,,\\r\\n`));
  });

  it('writes structured JSON logs carrying the caller’s correlation id', async () => {
    await fetch(`${services['reports']!.baseUrl}/api/v1/submissions/nope`, { headers: { 'x-correlation-id': `corr-${run}`, ...admin } });
    const entries = await waitFor(
      async () => services['reports']!.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
      (all) => all.some((e) => e['correlationId'] === `corr-${run}`),
      { what: 'the request to be logged' },
    );
    expect(entries.find((e) => e['correlationId'] === `corr-${run}`)).toMatchObject({ service: 'reports', msg: 'request', statusCode: 404, url: '/api/v1/submissions/nope' });
    // Credentials never reach the logs.
    expect(services['reports']!.output()).not.toContain(admin['authorization']!.slice('Bearer '.length));
  });

  it('refuses to start with a malformed or missing variable and names it', async () => {
    const { exited, output } = runServiceProcess('indicators', { KAFKA_BROKERS: 'not a broker list', PORT: '13199' });
    expect(await exited).toBe(78);
    expect(output()).toMatch(/KAFKA_BROKERS: each broker as host:port \(got "not a broker list"\)/);
    expect(output()).toMatch(/MONGO_URL: required but not set/);
  });

  it('shuts down on SIGTERM after finishing in-flight work', async () => {
    const extra = await startServiceProcess('exports', 13105, {
      ...env,
      MONGO_DB: testDatabaseName('exports'),
      KAFKA_GROUP_ID: `exports-stop-${run}`,
      JWT_SECRET: `e2e-jwt-secret-${run}-padding-padding`,
      QUEUE_PREFIX: `stop${run.toLowerCase()}`,
      EXPORTS_DIR: exportsDirectory,
    });
    const started = Date.now();
    extra.process.kill('SIGTERM');
    await extra.stop();
    expect(Date.now() - started).toBeLessThan(20000);
    expect(extra.process.exitCode === 0 || extra.process.signalCode === 'SIGTERM').toBe(true);
    // A new group replays the topic, malformed events parked on purpose by the test above included;
    // what must not appear is an error of its own.
    const ownErrors = extra.output().split('\n').filter((l) => /"level":"(error|fatal)"/.test(l) && !l.includes('"msg":"dead-lettering '));
    expect(ownErrors).toEqual([]);
  });
});
