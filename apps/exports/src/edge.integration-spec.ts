import { DEFAULT_BODY_LIMIT } from '@dtp/platform';
import { deepJson, freePort, jsonOfSize, SECURITY_HEADERS } from '@dtp/testing';
import type { InjectOptions } from 'fastify';
import { ExportsTestApp, startExportsTestApp } from '../test/exports-test-app';

describe('exports: headers and request limits at the edge (FerretDB, Kafka, Redis)', () => {
  let exportsApp: ExportsTestApp;
  const inject = (options: InjectOptions) => exportsApp.app.getHttpAdapter().getInstance().inject(options);
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    // Nothing here reads indicators.
    exportsApp = await startExportsTestApp({ indicatorsUrl: `http://127.0.0.1:${await freePort()}` });
  });
  afterAll(() => exportsApp.close());

  it('puts helmet’s headers on answers and refusals', async () => {
    for (const url of ['/api/v1/exports/000000000000000000000000', '/health/live']) expect((await inject({ method: 'GET', url })).headers).toMatchObject(SECURITY_HEADERS);
  });

  it('answers JSON nested 3,000 deep with 400 problem+json, before credentials or validation', async () => {
    const answer = await inject({ method: 'POST', url: '/api/v1/exports', headers: json, payload: deepJson(3000) });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/json-too-deep' });
  });

  it('answers a body over 1 MB with 413 problem+json', async () => {
    const answer = await inject({ method: 'POST', url: '/api/v1/exports', headers: json, payload: jsonOfSize(DEFAULT_BODY_LIMIT + 1) });
    expect(answer.statusCode).toBe(413);
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/body-too-large', vi: { title: 'Nội dung quá lớn' } });
  });
});
