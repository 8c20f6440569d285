import { reportFormFixture, uniqueCode } from '@dtp/testing';
import { Body, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';
import { DHIS2_DOCUMENTATION_EXAMPLE } from './dhis2-documentation-example';


const count = (code: string) => ({ code, nameVi: code, nameEn: code, unitOfMeasure: 'ca', kind: 'count', direction: 'lower-is-better' });

describe('DHIS2 dataValueSets import (FerretDB, Kafka)', () => {
  const province = uniqueCode('P');
  const unit = uniqueCode('U');
  let reports: ReportsTestApp;
  let key: string;
  let admin: Record<string, string>;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object): Promise<{ status: number; body: Body }> => {
    const res = await reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.rawPayload.length > 0 ? res.json() : undefined };
  };
  const post = (payload: object, query = '', headers?: Record<string, string>) => call('POST', `/api/dataValueSets${query}`, headers ?? { 'x-api-key': key }, payload);
  const stored = async (period: string) => (await call('GET', `/api/v1/submissions/${province}:${unit}:CDS-M:${period}`, { 'x-api-key': key })).body;

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_dhis2' });
    admin = await reports.adminHeaders();
    const form = reportFormFixture(province, { code: 'CDS-M', periodType: 'month', indicators: [count('MEASLES'), count('DYSENTERY'), count('CHOLERA')] });
    expect((await call('PUT', '/api/v1/forms', admin, form)).status).toBe(200);
    const mapping = {
      provinceCode: province,
      dataSet: 'pBOMPrpg1QX',
      formCode: 'CDS-M',
      dataElements: [
        { dataElement: 'f7n9E0hX8qk', indicatorCode: 'MEASLES', part: 'value' },
        { dataElement: 'Ix2HsbDMLea', indicatorCode: 'DYSENTERY', part: 'value' },
        { dataElement: 'eY5ehpbEsB7', indicatorCode: 'CHOLERA', part: 'value' },
      ],
      orgUnits: [{ orgUnit: 'DiszpKrYNg8', unitCode: unit }],
    };
    expect((await call('PUT', '/api/v1/dhis2/mappings', admin, mapping)).status).toBe(200);
    key = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt: '2099-01-01T00:00:00Z' })).body.key;
  });

  afterAll(() => reports.close());

  it('imports the example of DHIS2’s documentation with a correct summary, as a submitted report', async () => {
    const res = await post(DHIS2_DOCUMENTATION_EXAMPLE);
    expect({ status: res.status, conflicts: res.body.response?.conflicts }).toEqual({ status: 200, conflicts: [] });
    expect(res.body).toMatchObject({ httpStatusCode: 200, status: 'OK' });
    expect(res.body.response).toMatchObject({
      responseType: 'ImportSummary',
      status: 'SUCCESS',
      importCount: { imported: 3, updated: 0, ignored: 0, deleted: 0 },
      conflicts: [],
      dataSetComplete: '2014-02-03',
    });
    const submission = await stored('201401');
    expect(submission).toMatchObject({ status: 'submitted', revision: 1, late: true });
    expect(submission.values).toEqual([
      { indicatorCode: 'MEASLES', value: 1 },
      { indicatorCode: 'DYSENTERY', value: 2 },
      { indicatorCode: 'CHOLERA', value: 3 },
    ]);
  });

  it('counts values sent again unchanged as ignored and writes nothing', async () => {
    const res = await post(DHIS2_DOCUMENTATION_EXAMPLE);
    expect(res.body.response.importCount).toEqual({ imported: 0, updated: 0, ignored: 3, deleted: 0 });
    expect((await stored('201401')).revision).toBe(1);
  });

  it('counts a changed value as updated, and a dry run changes nothing', async () => {
    const changed = { ...DHIS2_DOCUMENTATION_EXAMPLE, dataValues: [{ dataElement: 'f7n9E0hX8qk', value: '12' }, ...DHIS2_DOCUMENTATION_EXAMPLE.dataValues.slice(1)] };
    const dry = await post(changed, '?dryRun=true');
    expect(dry.body.response).toMatchObject({ status: 'SUCCESS', importCount: { imported: 0, updated: 1, ignored: 2 }, importOptions: { dryRun: true } });
    expect((await stored('201401')).revision).toBe(1);
    const real = await post(changed);
    expect(real.body.response.importCount).toEqual({ imported: 0, updated: 1, ignored: 2, deleted: 0 });
    const submission = await stored('201401');
    expect(submission.revision).toBe(2);
    expect(submission.values[0]).toEqual({ indicatorCode: 'MEASLES', value: 12 });
  });

  it('lists unknown data elements, values of the wrong type and other units as conflicts, and imports the rest', async () => {
    const res = await post({
      dataSet: 'pBOMPrpg1QX',
      period: '201402',
      orgUnit: 'DiszpKrYNg8',
      dataValues: [
        { dataElement: 'f7n9E0hX8qk', value: '4' },
        { dataElement: 'nOtMaPpEd01', value: '1' },
        { dataElement: 'Ix2HsbDMLea', value: 'many' },
        { dataElement: 'eY5ehpbEsB7', value: '1', orgUnit: 'SomeoneElse' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.response.status).toBe('WARNING');
    expect(res.body.response.importCount).toEqual({ imported: 1, updated: 0, ignored: 3, deleted: 0 });
    expect(res.body.response.conflicts.map((c: { errorCode: string; indexes: number[] }) => [c.errorCode, c.indexes])).toEqual([
      ['E7610', [1]],
      ['E7619', [2]],
      ['E7617', [3]],
    ]);
    expect(await stored('201402')).toMatchObject({ status: 'draft', values: [{ indicatorCode: 'MEASLES', value: 4 }] });
  });

  it('answers 409 with an ERROR summary for a data set with no mapping, or a complete set missing values', async () => {
    const unknown = await post({ ...DHIS2_DOCUMENTATION_EXAMPLE, dataSet: 'unknownSet1' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.response).toMatchObject({ status: 'ERROR', importCount: { imported: 0, ignored: 3 }, conflicts: [{ errorCode: 'E7600', property: 'dataSet' }] });
    const incomplete = await post({ ...DHIS2_DOCUMENTATION_EXAMPLE, period: '201403', dataValues: DHIS2_DOCUMENTATION_EXAMPLE.dataValues.slice(0, 1) });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.response.conflicts[0]).toMatchObject({ property: 'values', value: 'values: DYSENTERY is missing' });
    expect((await call('GET', `/api/v1/submissions/${province}:${unit}:CDS-M:201403`, { 'x-api-key': key })).status).toBe(404);
  });

  it('honours importStrategy CREATE (existing values untouched) and refuses DELETE', async () => {
    const res = await post({ ...DHIS2_DOCUMENTATION_EXAMPLE, dataValues: [{ dataElement: 'f7n9E0hX8qk', value: '99' }, ...DHIS2_DOCUMENTATION_EXAMPLE.dataValues.slice(1)] }, '?importStrategy=CREATE');
    expect(res.body.response.importCount).toMatchObject({ imported: 0, updated: 0, ignored: 3 });
    expect((await stored('201401')).values[0]).toEqual({ indicatorCode: 'MEASLES', value: 12 });
    expect((await post(DHIS2_DOCUMENTATION_EXAMPLE, '?importStrategy=DELETE')).body.response).toMatchObject({ status: 'ERROR', conflicts: [{ property: 'importStrategy' }] });
  });

  it('takes the unit key as DHIS2 clients send tokens (Authorization: ApiToken), and refuses officials without a unit', async () => {
    expect((await post(DHIS2_DOCUMENTATION_EXAMPLE, '', { authorization: `ApiToken ${key}` })).status).toBe(200);
    expect((await post(DHIS2_DOCUMENTATION_EXAMPLE, '', admin)).status).toBe(403);
  });
});
