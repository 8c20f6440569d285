import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ReportSubmission } from '@dtp/contracts';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig } from '@dtp/platform';
import { infraEnv, readTopic, testDatabaseName, uniqueCode } from '@dtp/testing';
import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { reportsEnv } from '../config';

describe('Submitting reports over HTTP (FerretDB, Kafka)', () => {
  const env = infraEnv();
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const config = loadConfig(reportsEnv, { ...env, MONGO_DB: testDatabaseName('reports'), LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '200' });
    app = await createService(AppModule.forRoot(config), { name: 'reports', title: 'Reports API', description: 'test' }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  const post = (body: unknown) =>
    app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/api/v1/submissions', payload: body as object, headers: { 'x-correlation-id': 'test-corr-1' } });

  const report = (overrides: Record<string, unknown> = {}) => ({
    provinceCode: '20',
    unitCode: uniqueCode('U'),
    formCode: 'F1',
    period: '2023',
    values: [{ indicatorCode: 'DOSSIERS_DIGITIZED', numerator: 630485, denominator: 732908, comment: 'Số liệu Sở Nội vụ' }],
    ...overrides,
  });

  it('stores the report and publishes reports.submission.v1 keyed by province, unit and period', async () => {
    const body = report();
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ _id: `20:${body.unitCode}:F1:2023`, revision: 1, status: 'submitted', history: [{ revision: 1 }] });
    expect(res.json()).not.toHaveProperty('outbox');

    const key = `20:${body.unitCode}:2023`;
    const messages = await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.some((x) => x.key === key));
    const event = ReportSubmission.Envelope.parse(JSON.parse(messages.find((m) => m.key === key)!.value));
    expect(event.correlationId).toBe('test-corr-1');
    expect(event.data).toMatchObject({ kind: 'submitted', revision: 1, unitCode: body.unitCode, values: [{ indicatorCode: 'DOSSIERS_DIGITIZED', numerator: 630485, denominator: 732908 }] });
  });

  it('gives every resubmission its own revision, even when sent at the same moment', async () => {
    const body = report();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => post({ ...body, values: [{ indicatorCode: 'BTS', value: i }] })));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const stored = (await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/api/v1/submissions/20:${body.unitCode}:F1:2023` })).json();
    expect(stored.revision).toBe(5);
    expect(stored.history.map((h: { revision: number }) => h.revision)).toEqual([1, 2, 3, 4, 5]);
    const key = `20:${body.unitCode}:2023`;
    const messages = await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.filter((x) => x.key === key).length >= 5);
    const revisions = messages.filter((m) => m.key === key).map((m) => JSON.parse(m.value).data.revision);
    expect(revisions).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses malformed input as problem+json naming each field, in English and Vietnamese, and stores nothing', async () => {
    const body = report({ period: '2024Q5', unitCode: 'bad.code', extra: true });
    const res = await post(body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'period', 'unitCode']);
    expect(problem.errors.find((e: { field: string }) => e.field === 'period').message).toMatch(/Accepted forms/);
    expect(problem.vi.title).toBe('Yêu cầu không hợp lệ');
  });

  it('refuses a ratio whose numerator exceeds its denominator, naming the value', async () => {
    const body = report({ values: [{ indicatorCode: 'R', numerator: 9, denominator: 8 }, { indicatorCode: 'R', value: 1 }] });
    const res = await post(body);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['values[0].numerator', 'values[1].indicatorCode']);
    expect(res.json().errors[0].messageVi).toMatch(/tử số 9 lớn hơn mẫu số 8/);
    const stored = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: `/api/v1/submissions/20:${body.unitCode}:F1:2023` });
    expect(stored.statusCode).toBe(404);
  });

  it('answers readiness with the state of MongoDB and Kafka', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { mongodb: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it('serves the OpenAPI document with the submission endpoint', async () => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/v1/submissions');
  });
});
