import { reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { periodOfDate, vietnamDateOf } from '@dtp/domain';
import { Body, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';
import { IdempotencyCleanup } from './idempotency-cleanup.service';
import { IDEMPOTENCY_WINDOW_MS, PENDING_LEASE_MS } from './idempotency.interceptor';

/** Idempotency records hold no secret and expire, on FerretDB (no TTL index) as on MongoDB. */
describe('Idempotency-Key records: no secrets at rest, an expiry on each', () => {
  const province = uniqueCode('IDK');
  let reports: ReportsTestApp;
  let admin: Record<string, string>;

  const call = (method: 'POST' | 'GET', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const records = () => reports.connection().collection('idempotency_keys');
  /** A new unit with its key, and its report for this quarter posted with one Idempotency-Key every time. */
  const unitSubmitting = async (tag: string) => {
    const unit = uniqueCode('U');
    const key = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt: '2099-12-31T00:00:00Z' })).json().key as string;
    const period = periodOfDate('quarter', vietnamDateOf(new Date()), 'decree-09');
    const headers = { 'x-api-key': key, 'idempotency-key': `${tag}-${unit}` };
    return { key, submit: () => call('POST', '/api/v1/submissions', headers, { formCode: 'CDS-Q', period, values: reportValuesFixture() }) };
  };
  const issue = (unitCode: string, idempotencyKey: string) => call('POST', '/api/v1/api-keys', { ...admin, 'idempotency-key': idempotencyKey }, { provinceCode: province, unitCode, expiresAt: '2099-12-31T00:00:00Z' });

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_idempotency' });
    admin = await reports.adminHeaders();
  });

  afterAll(() => reports.close());

  it('keeps no API key in an issuing request’s record, gives it an expiry one day on, and refuses its replay: the key is shown once', async () => {
    const unit = uniqueCode('U');
    const before = Date.now();
    const first = await issue(unit, `issue-${unit}`);
    expect(first.statusCode).toBe(201);
    const issued = first.json();
    expect(issued.key).toMatch(/^dtp_/);

    const stored = await records().find({}).toArray();
    const ours = stored.filter((r) => JSON.stringify(r).includes(issued.id));
    expect(ours).toHaveLength(1);
    const [record] = ours as Body[];
    expect(JSON.stringify(record)).not.toContain(issued.key);
    expect(JSON.stringify(record)).not.toContain(issued.key.split('_')[2]);
    expect(record.response).toEqual({ id: issued.id, provinceCode: province, unitCode: unit, expiresAt: '2099-12-31T00:00:00.000Z' });
    expect(record.withheld).toEqual(['key']);
    expect(record.expiresAt).toBeInstanceOf(Date);
    expect(record.expiresAt.getTime() - record.createdAt.getTime()).toBe(IDEMPOTENCY_WINDOW_MS);
    expect(record.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const again = await issue(unit, `issue-${unit}`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.rawPayload.toString()).not.toContain('dtp_');
    expect(again.json()).toMatchObject({
      status: 409,
      detail: `this Idempotency-Key was already used; the secret in its answer is shown only once and is not kept (the first request created ${issued.id})`,
      vi: { detail: `Idempotency-Key này đã được dùng; thông tin bí mật trong câu trả lời chỉ hiển thị một lần và không được lưu lại (yêu cầu đầu tiên đã tạo ${issued.id})` },
      errors: [{ field: 'Idempotency-Key' }],
    });
    // No second key was issued for the unit.
    expect((await call('GET', `/api/v1/api-keys/${province}/${unit}`, admin)).json()).toHaveLength(1);
  });

  it('keeps no key in a rotation’s record either', async () => {
    const unit = uniqueCode('U');
    const old = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt: '2099-12-31T00:00:00Z' })).json();
    const rotate = () => call('POST', `/api/v1/api-keys/${old.id}/rotate`, { ...admin, 'idempotency-key': `rotate-${unit}` }, { expiresAt: '2099-06-30T00:00:00Z' });
    const rotated = await rotate();
    expect(rotated.statusCode).toBe(201);
    const record = (await records().find({}).toArray()).find((r) => JSON.stringify(r).includes(rotated.json().id)) as Body;
    expect(record).toBeDefined();
    expect(JSON.stringify(record)).not.toContain(rotated.json().key);
    expect(record.expiresAt).toBeInstanceOf(Date);
    expect((await rotate()).statusCode).toBe(409);
  });

  it('does not replay a record past its expiry, even one the store has not removed: the request runs again', async () => {
    const unit = uniqueCode('U');
    const first = (await issue(unit, `late-${unit}`)).json();
    const { modifiedCount } = await records().updateOne({ 'response.id': first.id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(modifiedCount).toBe(1);
    const again = await issue(unit, `late-${unit}`);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).not.toBe(first.id);
    expect((await call('GET', `/api/v1/api-keys/${province}/${unit}`, admin)).json()).toHaveLength(2);
  });

  it('still replays an ordinary answer within its window, and gives its record an expiry too', async () => {
    expect((await reports.inject({ method: 'PUT', url: '/api/v1/forms', headers: admin, payload: reportFormFixture(province) })).statusCode).toBe(200);
    const { submit } = await unitSubmitting('submit');
    const first = await submit();
    expect(first.statusCode).toBe(201);
    const again = await submit();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const record = (await records().find({}).toArray()).find((r) => JSON.stringify(r).includes(first.json()._id)) as Body;
    expect(record.expiresAt).toBeInstanceOf(Date);
  });

  it('answers a retry after a lost answer with what the write made, never a second revision', async () => {
    const { key, submit } = await unitSubmitting('lost');
    const first = await submit();
    expect(first.statusCode).toBe(201);
    // The store went away after the report was written and before its answer was recorded: the
    // record is still pending, from a request that died.
    const { modifiedCount } = await records().updateOne({ 'response._id': first.json()._id }, { $set: { state: 'pending', response: null, createdAt: new Date(Date.now() - PENDING_LEASE_MS - 1000) } });
    expect(modifiedCount).toBe(1);

    const retry = await submit();
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toMatchObject({ _id: first.json()._id, revision: 1, status: first.json().status });
    const stored = (await call('GET', `/api/v1/submissions/${encodeURIComponent(first.json()._id)}`, { 'x-api-key': key })).json();
    expect(stored.revision).toBe(1);
    expect(stored.history).toHaveLength(1);
    // The retry's answer is the one kept now.
    expect((await submit()).headers['idempotent-replayed']).toBe('true');
  });

  it('still answers 409 to a retry while the first request may be running', async () => {
    const { submit } = await unitSubmitting('running');
    const first = await submit();
    await records().updateOne({ 'response._id': first.json()._id }, { $set: { state: 'pending', response: null, createdAt: new Date() } });
    expect((await submit()).statusCode).toBe(409);
  });

  it('at start, purges records from before the expiry that hold a key in clear, gives the others an expiry, and removes expired ones', async () => {
    const now = new Date();
    const legacySecret = `legacy-secret-${uniqueCode('L')}`;
    const legacyPlain = `legacy-plain-${uniqueCode('L')}`;
    const expired = `expired-${uniqueCode('L')}`;
    await records().insertMany([
      { _id: legacySecret, fingerprint: 'f', state: 'completed', response: { id: '0123456789abcdef', key: 'dtp_0123456789abcdef_secret' }, createdAt: now },
      { _id: legacyPlain, fingerprint: 'f', state: 'completed', response: { _id: 'a submission' }, createdAt: now },
      { _id: expired, fingerprint: 'f', state: 'completed', response: null, createdAt: new Date(now.getTime() - 2 * IDEMPOTENCY_WINDOW_MS), expiresAt: new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS) },
    ] as Body[]);
    await reports.app.get(IdempotencyCleanup).run(now);
    expect(await records().findOne({ _id: legacySecret } as Body)).toBeNull();
    expect(await records().findOne({ _id: expired } as Body)).toBeNull();
    const plain = (await records().findOne({ _id: legacyPlain } as Body)) as Body;
    expect(plain.expiresAt.getTime()).toBe(now.getTime() + IDEMPOTENCY_WINDOW_MS);
    expect(await records().countDocuments({ 'response.key': { $exists: true } })).toBe(0);
  });
});
