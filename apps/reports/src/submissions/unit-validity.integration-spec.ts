import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { OrgUnit } from '@dtp/domain';
import { reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

/**
 * A unit reports only for periods in which it exists in the province, by the units list the
 * indicators service keeps (here a stand-in serving `GET /api/v1/units`): the review's district
 * abolished on 30/6/2025 reporting 2025Q4, and a key issued for a code in no list.
 */
describe('reports and keys only for units that exist in the period (FerretDB and Kafka)', () => {
  const province = uniqueCode('P');
  const district = `${province}D`;
  const commune = `${province}C`;
  const units: OrgUnit[] = [
    { id: province, name: 'Tỉnh thử', level: 'province', parents: [], successors: [] },
    { id: district, name: 'Huyện cũ', level: 'district', validTo: '2025-06-30', parents: [{ parentId: province }], successors: [{ unitId: commune, on: '2025-07-01', share: 1 }] },
    { id: commune, name: 'Xã mới', level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: province }], successors: [] },
  ];
  let indicators: Server;
  let reports: ReportsTestApp;
  let admin: Record<string, string>;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const issueKey = (unitCode: string) => call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode, expiresAt: '2099-12-31T00:00:00Z' });
  const submit = (key: string, period: string) => call('POST', '/api/v1/submissions', { 'x-api-key': key }, { formCode: 'CDS-Q', period, values: reportValuesFixture() });

  beforeAll(async () => {
    indicators = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/api/v1/units' ? JSON.stringify(units) : '[]');
    });
    await new Promise<void>((resolve) => indicators.listen(0, '127.0.0.1', resolve));
    const { port } = indicators.address() as AddressInfo;
    reports = await startReportsTestApp({ province, database: 'reports_units', env: { INDICATORS_URL: `http://127.0.0.1:${port}` } });
    admin = await reports.adminHeaders();
    expect((await call('PUT', '/api/v1/forms', admin, reportFormFixture(province))).statusCode).toBe(200);
  });

  afterAll(async () => {
    await reports?.close();
    indicators?.close();
  });

  it('refuses a report of a district abolished before the period’s cut-off, naming the dates, and takes the commune that replaced it', async () => {
    const districtKey = (await issueKey(district)).json().key as string;
    const communeKey = (await issueKey(commune)).json().key as string;
    // 2025Q4 under Decree 09: figures as of 14/12/2025.
    const refused = await submit(districtKey, '2025Q4');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: expect.stringMatching(/unit-not-valid$/), errors: [{ field: 'period' }] });
    expect(refused.json().errors[0].messageVi).toBe(`đơn vị ${district} (Huyện cũ) chỉ tồn tại đến ngày 30/06/2025; số liệu của kỳ báo cáo chốt ngày 14/12/2025, ngoài thời gian đó`);
    // The same district for a period it existed in (figures as of 14/6/2025), the commune after the reform.
    expect((await submit(districtKey, '2025Q2')).statusCode).toBe(201);
    expect((await submit(communeKey, '2025Q4')).statusCode).toBe(201);
    expect((await submit(communeKey, '2025Q2')).json().type).toMatch(/unit-not-valid$/);
  });

  it('issues keys only for units in the list, and knows a unit imported a moment ago', async () => {
    const nowhere = await issueKey(uniqueCode('NOWHERE'));
    expect(nowhere.statusCode).toBe(422);
    expect(nowhere.json()).toMatchObject({ type: expect.stringMatching(/unknown-unit$/), errors: [{ field: 'unitCode' }] });
    const added = `${province}C2`;
    units.push({ id: added, name: 'Xã vừa nhập', level: 'commune', validFrom: '2025-07-01', parents: [{ parentId: province }], successors: [] });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await issueKey(added)).statusCode).toBe(201);
  });

  it('refuses with 503, rather than letting an unchecked unit through, while the units list has never been read', async () => {
    // A reports process that started before the indicators service answered (the platform starts them together).
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const early = await startReportsTestApp({ province, database: 'reports_units_early', env: { INDICATORS_URL: `http://127.0.0.1:${port}` } });
    try {
      const headers = await early.adminHeaders();
      const answer = await early.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { provinceCode: province, unitCode: uniqueCode('NOWHERE'), expiresAt: '2099-12-31T00:00:00Z' } });
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(answer.json()).toMatchObject({ type: expect.stringMatching(/units-unavailable$/), vi: { detail: expect.stringContaining('danh mục đơn vị') } });
    } finally {
      await early.close();
    }
  });
});
