import { getConnectionToken } from '@nestjs/mongoose';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KafkaClient } from '@dtp/messaging';
import { BULK_BODY_LIMIT, createService, DEFAULT_BODY_LIMIT, loadConfig } from '@dtp/platform';
import { deepJson, infraEnv, jsonOfSize, SECURITY_HEADERS, testDatabaseName } from '@dtp/testing';
import type { InjectOptions } from 'fastify';
import { Connection } from 'mongoose';
import { AppModule } from './app.module';
import { indicatorsEnv } from './config';

describe('indicators: headers and request limits at the edge (FerretDB, Kafka)', () => {
  let app: NestFastifyApplication;
  const inject = (options: InjectOptions) => app.getHttpAdapter().getInstance().inject(options);

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_edge'), LOG_LEVEL: 'warn', JWT_SECRET: 'indicators-test-secret-long-enough-for-hs256' });
    // As main.ts: CSV files taken as bytes.
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test', binaryBodies: ['text/csv'] }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('puts helmet’s headers on answers and refusals', async () => {
    for (const url of ['/api/v1/units', '/api/v1/programmes/20', '/health/live']) expect((await inject({ method: 'GET', url })).headers).toMatchObject(SECURITY_HEADERS);
  });

  it('answers JSON nested 3,000 deep with 400 problem+json, before credentials or validation', async () => {
    for (const [method, url] of [['PUT', '/api/v1/programmes'], ['POST', '/api/v1/units/import.json']] as const) {
      const answer = await inject({ method, url, headers: { 'content-type': 'application/json' }, payload: deepJson(3000) });
      expect(answer.statusCode).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/json-too-deep' });
    }
  });

  it('answers a programme body over 1 MB with 413 problem+json', async () => {
    const answer = await inject({ method: 'PUT', url: '/api/v1/programmes', headers: { 'content-type': 'application/json' }, payload: jsonOfSize(DEFAULT_BODY_LIMIT + 1) });
    expect(answer.statusCode).toBe(413);
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/body-too-large', vi: { title: 'Nội dung quá lớn' } });
  });

  // Read whole, the body reaches the guard (401): the imports keep their 10 MB.
  it.each([
    ['the units CSV', 'POST', '/api/v1/units/import', 'text/csv', (bytes: number) => Buffer.alloc(bytes, 'a')],
    ['the units as JSON', 'POST', '/api/v1/units/import.json', 'application/json', (bytes: number) => Buffer.from(jsonOfSize(bytes))],
    ['a targets CSV', 'PUT', '/api/v1/programmes/20/P/targets', 'text/csv', (bytes: number) => Buffer.alloc(bytes, 'a')],
  ] as const)('takes %s of 5 MB, and refuses one over 10 MB with 413', async (_, method, url, type, body) => {
    expect((await inject({ method, url, headers: { 'content-type': type }, payload: body(5 * 1024 * 1024) })).statusCode).toBe(401);
    expect((await inject({ method, url, headers: { 'content-type': type }, payload: body(BULK_BODY_LIMIT + 1) })).statusCode).toBe(413);
  });
});
