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
  // One province per run; each test reports its own years so their aggregates never mix.
  const province = uniqueCode('P');
  const adminPassword = `e2e-admin-${run}`;
  let admin: Record<string, string>;

  beforeAll(async () => {
    const common = { ...env, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '200' };
    const started = await Promise.all([
      startServiceProcess('reports', 13101, {
        ...common,
        MONGO_DB: databases.reports,
        JWT_SECRET: `e2e-jwt-secret-${run}-padding-padding`,
        ADMIN_PASSWORD: adminPassword,
        ADMIN_PROVINCE_CODE: province,
      }),
      startServiceProcess('indicators', 13102, { ...common, MONGO_DB: databases.indicators, KAFKA_GROUP_ID: groups.indicators }),
      startServiceProcess('notifications', 13103, { ...common, MONGO_DB: databases.notifications, KAFKA_GROUP_ID: groups.notifications, QUEUE_PREFIX: run.toLowerCase() }),
      startServiceProcess('exports', 13104, { ...common, MONGO_DB: databases.exports, KAFKA_GROUP_ID: groups.exports }),
    ]);
    for (const service of started) services[service.name] = service;
    // A new consumer group reads the topic from the start; on a developer's long-lived broker that
    // history can be long. Let indicators catch up first, so the tests time only their own events.
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, groups.indicators, ReportSubmission.TOPIC, 110000);
    const token = await post('/api/v1/auth/token', {}, { username: 'admin', password: adminPassword });
    admin = { authorization: `Bearer ${token.accessToken}` };
    await put('/api/v1/forms', admin, reportFormFixture(province, { code: 'E2E-Y', periodType: 'year', deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 1 } }));
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
    post('/api/v1/submissions', unit.headers, { formCode: 'E2E-Y', period, values }, 201) as Promise<{ _id: string; revision: number }>;

  const values = (dossiers: [number, number], bts: number) => [
    { indicatorCode: 'DOSSIERS_DIGITIZED', numerator: dossiers[0], denominator: dossiers[1] },
    { indicatorCode: 'BTS_STATIONS', value: bts },
    { indicatorCode: 'EXAM_PILOT', done: true },
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
    const provincial = await waitFor(() => provincialValue(province, 'DOSSIERS_DIGITIZED', '2023'), (v) => v?.reportingUnits === 3, { what: 'provincial value', timeoutMs: 30000 });
    expect(provincial!.totals).toMatchObject({ numerator: 630_485, denominator: 732_908 });
    expect(Math.round(provincial!.value! * 1000) / 10).toBe(86.0);
  });

  it('does not double-count a duplicate delivery of the same event', async () => {
    const unit = await unitSystem();
    await submit(unit, '2022', values([1, 2], 1396));
    await waitFor(() => provincialValue(province, 'BTS_STATIONS', '2022'), (v) => v?.value === 1396, { what: 'first value' });

    const key = ReportSubmission.keyOf({ provinceCode: province, unitCode: unit.unitCode, period: '2022' });
    const [original] = (await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.some((x) => x.key === key))).filter((m) => m.key === key);
    // The broker delivers the very same event again, twice (a producer retry, a relay restart).
    await produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, [
      { key, value: original!.value },
      { key, value: original!.value },
    ]);
    await waitForGroupToCatchUp(env.KAFKA_BROKERS, groups.indicators, ReportSubmission.TOPIC);

    const after = await provincialValue(province, 'BTS_STATIONS', '2022');
    expect(after).toMatchObject({ value: 1396, reportingUnits: 1 });
  });

  it('parks a malformed event on the dead-letter topic with the reason and goes on with the next one', async () => {
    const unit = await unitSystem();
    const key = ReportSubmission.keyOf({ provinceCode: province, unitCode: unit.unitCode, period: '2020' });
    await produceRaw(env.KAFKA_BROKERS, ReportSubmission.TOPIC, [{ key, value: JSON.stringify({ id: 'not-an-envelope', data: { revision: -1 } }) }]);
    await submit(unit, '2020', values([3, 4], 7));
    const applied = await waitFor(() => provincialValue(province, 'BTS_STATIONS', '2020'), (v) => v?.value === 7, { what: 'the good event after the bad one' });
    expect(applied).toMatchObject({ reportingUnits: 1 });
    const parked = (await readTopic(env.KAFKA_BROKERS, deadLetterTopicOf(ReportSubmission.TOPIC), (m) => m.some((x) => x.key === key))).filter((m) => m.key === key);
    expect(parked.length).toBeGreaterThanOrEqual(1);
    expect(parked[0]!.headers['dlq-reason']).toMatch(/^invalid: /);
    expect(parked[0]!.headers['dlq-original-topic']).toBe(ReportSubmission.TOPIC);
  });

  it('lets notifications and exports consume the events (they log what they saw)', async () => {
    const saved = await submit(await unitSystem(), '2021', values([5, 10], 3));
    await waitFor(async () => services['notifications']!.output(), (out) => out.includes(`"submissionId":"${saved._id}"`), { what: 'notifications to log the obligation' });
    await readTopic(env.KAFKA_BROKERS, Scorecard.TOPIC, (m) => m.some((x) => x.key === `${province}:${province}:2021`));
    await waitFor(async () => services['exports']!.output(), (out) => out.includes('"scorecard changed"') && out.includes(`"unitCode":"${province}"`), {
      what: 'exports to log the scorecard change',
    });
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
    const extra = await startServiceProcess('exports', 13105, { ...env, MONGO_DB: testDatabaseName('exports'), KAFKA_GROUP_ID: `exports-stop-${run}` });
    const started = Date.now();
    extra.process.kill('SIGTERM');
    await extra.stop();
    expect(Date.now() - started).toBeLessThan(20000);
    expect(extra.process.exitCode === 0 || extra.process.signalCode === 'SIGTERM').toBe(true);
    expect(extra.output()).not.toMatch(/"level":"(error|fatal)"/);
  });
});
