import { Controller, Get } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getConnectionToken } from '@nestjs/mongoose';
import { KafkaClient } from '@dtp/messaging';
import { createService, loadConfig, Roles } from '@dtp/platform';
import { infraEnv, submissionEvent, testDatabaseName, uniqueCode } from '@dtp/testing';
import { Connection } from 'mongoose';
import { AggregationService } from '../aggregation/aggregation.service';
import { AppModule } from '../app.module';
import { indicatorsEnv } from '../config';
import { FastReads } from './fast-reads';
import { ViewCache } from './view-cache';

const SECRET = 'indicators-test-secret-long-enough-for-hs256';

@Controller('closed')
class ClosedController {
  @Get(':id')
  @Roles('admin')
  read(): string {
    return 'secret';
  }
}

/**
 * Cached views answered from Fastify's hook must be exactly what the controller answers, never
 * older than the fold, and never for a request the controller would refuse.
 */
describe('FastReads: cached open reads without Nest’s pipeline (FerretDB)', () => {
  const province = uniqueCode('P');
  const district = uniqueCode('D');
  let app: NestFastifyApplication;
  let fast: FastReads;

  const get = (url: string, headers: Record<string, string> = {}) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url, headers });
  /** Asks until the hook answers (the first request computes the view; the generation must be known fresh). */
  const getFast = async (url: string, headers: Record<string, string> = {}) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const before = fast.count;
      const res = await get(url, headers);
      if (fast.count === before + 1) return res;
    }
    throw new Error(`the hook never answered ${url}`);
  };

  beforeAll(async () => {
    const config = loadConfig(indicatorsEnv, { ...infraEnv(), MONGO_DB: testDatabaseName('indicators_fast'), LOG_LEVEL: 'warn', JWT_SECRET: SECRET });
    app = await createService(AppModule.forRoot(config), { name: 'indicators', title: 'Indicators API', description: 'test' }, 'warn');
    await app.get(KafkaClient).ensureTopics();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    fast = app.get(FastReads);
    const aggregation = app.get(AggregationService);
    await aggregation.applySubmission(submissionEvent({ provinceCode: province, unitCode: district, period: '2023', values: [{ indicatorCode: 'DOSSIERS', numerator: 86, denominator: 100 }] }));
  });

  afterAll(async () => {
    await app.get<Connection>(getConnectionToken()).dropDatabase();
    await app.close();
  });

  it('answers a cached view with the controller’s body, headers and ETag, and 304 to its ETag', async () => {
    const url = `/api/v1/rankings/${province}/DOSSIERS/2023?page=1`;
    const slow = await get(url);
    expect(slow.statusCode).toBe(200);
    const quick = await getFast(url);
    expect(quick.body).toBe(slow.body);
    expect(quick.headers['etag']).toBe(slow.headers['etag']);
    expect(quick.headers['content-type']).toBe(slow.headers['content-type']);
    expect(quick.headers['cache-control']).toBe('no-cache');
    expect(quick.headers['x-correlation-id']).toBeDefined();
    const unchanged = await getFast(url, { 'if-none-match': String(slow.headers['etag']) });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
  });

  it('never answers from a view older than the fold: a new report changes the answer at once', async () => {
    const url = `/api/v1/rankings/${province}/DOSSIERS/2023`;
    await get(url);
    expect((await getFast(url)).json().items).toEqual([{ unitCode: district, value: 0.86, rank: 1 }]);
    await app.get(AggregationService).applySubmission(submissionEvent({ provinceCode: province, unitCode: district, period: '2023', revision: 2, values: [{ indicatorCode: 'DOSSIERS', numerator: 90, denominator: 100 }] }));
    const before = fast.count;
    expect((await get(url)).json().items).toEqual([{ unitCode: district, value: 0.9, rank: 1 }]);
    expect(fast.count).toBe(before); // the hook saw a generation it did not know: the controller answered
    expect((await getFast(url)).json().items).toEqual([{ unitCode: district, value: 0.9, rank: 1 }]);
  });

  it('leaves to the controller what it would refuse or has not computed: unknown query parameters, missing data, other views', async () => {
    const url = `/api/v1/rankings/${province}/DOSSIERS/2023?page=1`;
    await getFast(url);
    const before = fast.count;
    expect((await get(`${url}&extra=1`)).statusCode).toBe(400);
    expect((await get(`${url}&page=1`)).statusCode).toBe(400); // a repeated parameter is an array: Nest decides
    expect((await get(`/api/v1/rankings/${province}/DOSSIERS/2023?page=0`)).statusCode).toBe(400);
    expect((await get(`${url}&level=`)).statusCode).toBe(400); // empty: the same key as none, but Nest refuses it
    expect((await get(`/api/v1/aggregates/${province}/NOTHING/2023`)).statusCode).toBe(404);
    expect((await get(`/api/v1/aggregates/${province}/NOTHING/2023`)).statusCode).toBe(404);
    expect(fast.count).toBe(before);
    expect(app.get(ViewCache).peek(province, 'series/never/asked/2022/2023')).toBeUndefined();
  });

  it('refuses to take a route that needs a role', () => {
    expect(() => fast.register({ controller: ClosedController, handler: 'read', query: [], viewOf: () => ({ provinceCode: province, key: 'x' }) })).toThrow(/needs a role/);
  });
});
