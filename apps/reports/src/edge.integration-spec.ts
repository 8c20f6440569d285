import { BULK_BODY_LIMIT, DEFAULT_BODY_LIMIT } from '@dtp/platform';
import { deepJson, jsonOfSize, SECURITY_HEADERS, uniqueCode } from '@dtp/testing';
import { ReportsTestApp, startReportsTestApp, TEST_ADMIN_PASSWORD } from '../test/reports-test-app';
import { XLSX_CONTENT_TYPE } from './excel/excel-layout';

/** The public edge of reports: the sign-in route above all, the one route anyone can call. */
describe('reports: headers and request limits at the edge (FerretDB, Kafka)', () => {
  let reports: ReportsTestApp;
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    reports = await startReportsTestApp({ province: uniqueCode('P'), database: 'reports_edge' });
  });
  afterAll(() => reports.close());

  it('answers a sign-in with the token, never to be cached, and helmet’s headers', async () => {
    const answer = await reports.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().accessToken).toEqual(expect.any(String));
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers).toMatchObject(SECURITY_HEADERS);
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('puts helmet’s headers on refusals and reads too', async () => {
    const refused = await reports.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'admin', password: 'wrong-password-here' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers).toMatchObject(SECURITY_HEADERS);
    expect((await reports.inject({ method: 'GET', url: '/health/live' })).headers).toMatchObject(SECURITY_HEADERS);
  });

  it('answers JSON nested 3,000 deep on the sign-in route with 400 problem+json, not 500', async () => {
    const answer = await reports.inject({ method: 'POST', url: '/api/v1/auth/token', headers: json, payload: Buffer.from(deepJson(3000)) });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/json-too-deep', vi: { detail: 'thân JSON lồng nhau sâu hơn 32 cấp' } });
  });

  it('answers a sign-in body over 1 MB with 413 problem+json', async () => {
    const answer = await reports.inject({ method: 'POST', url: '/api/v1/auth/token', headers: json, payload: Buffer.from(jsonOfSize(DEFAULT_BODY_LIMIT + 1)) });
    expect(answer.statusCode).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.json()).toMatchObject({ status: 413, vi: { title: 'Nội dung quá lớn' } });
  });

  // Past the body limit, the guard answers (401): the body was read, the file or bulk route keeps its larger limit.
  it.each([
    ['an Excel upload', '/api/v1/submissions/excel', XLSX_CONTENT_TYPE, (bytes: number) => Buffer.alloc(bytes, 1)],
    ['a DHIS2 data value set', '/api/dataValueSets', 'application/json', (bytes: number) => Buffer.from(jsonOfSize(bytes))],
    ['a batch of reports', '/api/v1/submissions/batch', 'application/json', (bytes: number) => Buffer.from(jsonOfSize(bytes))],
  ])('takes %s of 5 MB past the limit, and refuses one over 10 MB with 413', async (_, url, type, body) => {
    const large = await reports.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: body(5 * 1024 * 1024) });
    expect(large.statusCode).toBe(401);
    const over = await reports.inject({ method: 'POST', url, headers: { 'content-type': type }, payload: body(BULK_BODY_LIMIT + 1) });
    expect(over.statusCode).toBe(413);
  });

  it('keeps an .xlsx body to 1 MB on a route that takes no file', async () => {
    const answer = await reports.inject({ method: 'POST', url: '/api/v1/auth/token', headers: { 'content-type': XLSX_CONTENT_TYPE }, payload: Buffer.alloc(DEFAULT_BODY_LIMIT + 1, 1) });
    expect(answer.statusCode).toBe(413);
  });
});
