import { uniqueCode } from '@dtp/testing';
import { ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

describe('a national administrator (ADMIN_NATIONAL)', () => {
  const province = uniqueCode('P');
  let reports: ReportsTestApp;
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const login = async (username: string, password: string) => ({ authorization: `Bearer ${(await call('POST', '/api/v1/auth/token', {}, { username, password })).json().accessToken}` });

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_national', env: { ADMIN_NATIONAL: 'true' } });
  });

  afterAll(() => reports.close());

  it('manages another province’s keys and users, grants the role, and the province’s own administrator stays in theirs', async () => {
    const national = await reports.adminHeaders();
    const other = uniqueCode('Q');
    const issued = await call('POST', '/api/v1/api-keys', national, { provinceCode: other, unitCode: 'U1', expiresAt: '2099-01-01T00:00:00Z' });
    expect(issued.statusCode).toBe(201);
    const suffix = Date.now();
    expect((await call('POST', '/api/v1/users', national, { username: `admin.q.${suffix}`, password: 'province-password-1', roles: ['admin'], provinceCode: other })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/users', national, { username: `national.${suffix}`, password: 'national-password-1', roles: ['national-admin'], provinceCode: province })).statusCode).toBe(201);

    const theirs = await login(`admin.q.${suffix}`, 'province-password-1');
    expect((await call('GET', `/api/v1/api-keys/${other}/U1`, theirs)).json()).toHaveLength(1);
    expect((await call('GET', `/api/v1/api-keys/${province}/U1`, theirs)).statusCode).toBe(403);
    const second = await login(`national.${suffix}`, 'national-password-1');
    expect((await call('POST', `/api/v1/api-keys/${issued.json().id}/rotate`, second, { expiresAt: '2099-06-01T00:00:00Z' })).statusCode).toBe(201);
  });
});
