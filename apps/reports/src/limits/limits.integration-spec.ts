import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { OfficialTokens } from '@dtp/platform';
import { freePort, reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { Body, InjectResponse, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

/**
 * Abuse limits on the shared Redis: a username locked after five failures (and unlocked by its
 * province's administrator), the count shared by two replicas, a unit's writes capped, and
 * password checks that neither reveal who exists nor stall the event loop.
 */
describe('abuse limits', () => {
  const province = uniqueCode('P');
  const password = 'a long and correct passphrase';
  // Two replicas of one installation: one database, one counter prefix.
  const shared = { RATE_LIMIT_PREFIX: `test:limits:${randomUUID()}`, UNIT_WRITES_PER_WINDOW: '3', SIGN_IN_FAILURES_PER_ADDRESS: '8', LOG_LEVEL: 'fatal' };
  let reports: ReportsTestApp;
  let twin: ReportsTestApp;
  let admin: Record<string, string>;

  // Each test signs in from an address of its own, so that the per-address count is its own too.
  let address = '';
  const newAddress = () => `10.${randomBytes(3).join('.')}`;
  beforeEach(() => (address = newAddress()));
  const signIn = (app: ReportsTestApp, username: string, pass: string, from = address) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password: pass }, remoteAddress: from });
  const createUser = async (username: string) => {
    const res = await reports.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username, password, roles: ['reviewer'], provinceCode: province } });
    expect(res.statusCode).toBe(201);
  };
  const retryAfter = (res: InjectResponse) => Number(res.headers['retry-after']);

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_limits', env: shared });
    twin = await startReportsTestApp({ province, database: 'reports_limits', env: { ...shared, MONGO_DB: reports.connection().name } });
    admin = await reports.adminHeaders();
  }, 120000);

  afterAll(async () => {
    await twin?.app.close();
    await reports?.close();
  });

  it('locks a username after 5 wrong passwords: 429 with Retry-After, even for the right password, the same answer as for an unknown user', async () => {
    const known = uniqueCode('u').toLowerCase();
    const unknown = uniqueCode('nobody').toLowerCase();
    const elsewhere = newAddress();
    await createUser(known);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(reports, known, `wrong ${i}`)).statusCode).toBe(401);
      expect((await signIn(reports, unknown, `wrong ${i}`, elsewhere)).statusCode).toBe(401);
    }
    const locked = await signIn(reports, known, 'wrong again');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(retryAfter(locked)).toBeGreaterThan(890);
    expect(retryAfter(locked)).toBeLessThanOrEqual(900);
    const body: Body = locked.json();
    expect(body).toMatchObject({ status: 429, type: 'https://dtp.gov.vn/problems/sign-in-locked', title: 'Too many requests', vi: { title: 'Quá nhiều yêu cầu' } });
    expect(body.vi.detail).toMatch(/^đăng nhập sai quá nhiều lần/);

    const rightPassword = await signIn(reports, known, password);
    expect(rightPassword.statusCode).toBe(429);
    expect(retryAfter(rightPassword)).toBeGreaterThan(0);

    const unknownLocked = await signIn(reports, unknown, 'wrong again', elsewhere);
    expect(unknownLocked.statusCode).toBe(429);
    const { instance: _a, ...unknownBody } = unknownLocked.json();
    const { instance: _b, ...knownBody } = rightPassword.json();
    expect(unknownBody).toEqual(knownBody);
  });

  it('locks a client address after 8 failures (here) over any usernames, while the same user signs in from elsewhere', async () => {
    const username = uniqueCode('u').toLowerCase();
    await createUser(username);
    for (let i = 0; i < 8; i++) expect((await signIn(reports, uniqueCode('guess').toLowerCase(), 'wrong')).statusCode).toBe(401);
    const locked = await signIn(reports, username, password);
    expect(locked.statusCode).toBe(429);
    expect(retryAfter(locked)).toBeGreaterThan(0);
    expect((await signIn(reports, username, password, newAddress())).statusCode).toBe(200);
  });

  it('lets an administrator of the province lift the lock, after which the right password signs in', async () => {
    const username = uniqueCode('u').toLowerCase();
    await createUser(username);
    for (let i = 0; i < 6; i++) await signIn(reports, username, 'wrong');
    expect((await signIn(reports, username, password)).statusCode).toBe(429);

    const unlock = await reports.inject({ method: 'POST', url: `/api/v1/users/${username}/unlock`, headers: admin });
    expect(unlock.statusCode).toBe(204);
    const res = await signIn(reports, username, password);
    expect(res.statusCode).toBe(200);
    expect(res.json().accessToken).toEqual(expect.any(String));
  });

  it('lets no one else lift it: a reviewer is refused 403, another province’s official is as unknown as a missing one (404), a malformed name 400', async () => {
    const reviewer = uniqueCode('u').toLowerCase();
    await createUser(reviewer);
    const reviewerHeaders = { authorization: `Bearer ${(await signIn(reports, reviewer, password)).json().accessToken}` };
    expect((await reports.inject({ method: 'POST', url: `/api/v1/users/${reviewer}/unlock`, headers: reviewerHeaders })).statusCode).toBe(403);

    const elsewhere = uniqueCode('u').toLowerCase();
    await reports.connection().collection('users').insertOne({ _id: elsewhere as never, passwordHash: 'scrypt$x$y', roles: ['reviewer'], provinceCode: uniqueCode('Q'), unitCode: null, createdAt: new Date() });
    const other = await reports.inject({ method: 'POST', url: `/api/v1/users/${elsewhere}/unlock`, headers: admin });
    const missing = await reports.inject({ method: 'POST', url: `/api/v1/users/${uniqueCode('nobody').toLowerCase()}/unlock`, headers: admin });
    expect([other.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(other.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/unknown-user', vi: { detail: expect.stringMatching(/^không có người dùng/) } });
    const malformed = await reports.inject({ method: 'POST', url: '/api/v1/users/NOT%20A%20NAME/unlock', headers: admin });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors).toEqual([expect.objectContaining({ field: 'username' })]);
  });

  it('counts failures across two instances on the same Redis', async () => {
    const username = uniqueCode('u').toLowerCase();
    await createUser(username);
    for (let i = 0; i < 3; i++) expect((await signIn(reports, username, 'wrong')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++) expect((await signIn(twin, username, 'wrong')).statusCode).toBe(401);
    expect((await signIn(twin, username, password)).statusCode).toBe(429);
    expect((await signIn(reports, username, password)).statusCode).toBe(429);
  });

  it('forgets a username’s failures when it signs in', async () => {
    const username = uniqueCode('u').toLowerCase();
    await createUser(username);
    for (let i = 0; i < 4; i++) expect((await signIn(reports, username, 'wrong')).statusCode).toBe(401);
    expect((await signIn(reports, username, password)).statusCode).toBe(200);
    address = newAddress();
    for (let i = 0; i < 4; i++) expect((await signIn(reports, username, 'wrong')).statusCode).toBe(401);
    expect((await signIn(reports, username, password)).statusCode).toBe(200);
  });

  it('caps a unit’s writes (3 per window here) on every route and replica: the 4th answers 429 with Retry-After; other units still write', async () => {
    expect((await reports.inject({ method: 'PUT', url: '/api/v1/forms', headers: admin, payload: reportFormFixture(province) })).statusCode).toBe(200);
    const keyFor = async (unitCode: string) =>
      (await reports.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin, payload: { provinceCode: province, unitCode, expiresAt: '2099-01-01T00:00:00Z' } })).json().key as string;
    const unit = uniqueCode('U');
    const [key, otherKey] = [await keyFor(unit), await keyFor(uniqueCode('U'))];
    const draft = (app: ReportsTestApp, apiKey: string, period: string) =>
      app.inject({ method: 'POST', url: '/api/v1/submissions', headers: { 'x-api-key': apiKey }, payload: { formCode: 'CDS-Q', period, status: 'draft', values: reportValuesFixture() } });

    expect((await draft(reports, key, '2025Q1')).statusCode).toBe(201);
    expect((await draft(twin, key, '2025Q2')).statusCode).toBe(201);
    const batch = await twin.inject({ method: 'POST', url: '/api/v1/submissions/batch', headers: { 'x-api-key': key }, payload: { reports: [{ formCode: 'CDS-Q', period: '2025Q3', status: 'draft', values: reportValuesFixture() }] } });
    expect(batch.statusCode).toBe(200);

    const refused = await draft(reports, key, '2025Q4');
    expect(refused.statusCode).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    expect(refused.json()).toMatchObject({ status: 429, type: 'https://dtp.gov.vn/problems/too-many-writes', vi: { detail: expect.stringContaining(`đơn vị ${province}:${unit}`) } });
    expect((await reports.inject({ method: 'GET', url: `/api/v1/submissions/${province}:${unit}:CDS-Q:2025Q4`, headers: admin })).statusCode).toBe(404);

    expect((await draft(reports, otherKey, '2025Q4')).statusCode).toBe(201);
  });

  it('with Redis away: sign-in answers 503 (no guessing uncounted), a unit’s write goes through uncounted', async () => {
    const away = await startReportsTestApp({ province, database: 'reports_limits_away', env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, LOG_LEVEL: 'fatal' } });
    try {
      const refused = await signIn(away, 'admin', 'admin-password-for-tests');
      expect(refused.statusCode).toBe(503);
      expect(refused.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/limits-unavailable', vi: { detail: expect.stringMatching(/^chưa đọc được/) } });
      const token = await away.app.get(OfficialTokens).issue({ kind: 'official', username: 'admin', roles: ['admin'], provinceCode: province });
      const headers = { authorization: `Bearer ${token}` };
      expect((await away.inject({ method: 'PUT', url: '/api/v1/forms', headers, payload: reportFormFixture(province) })).statusCode).toBe(200);
      const unitCode = uniqueCode('U');
      const key = (await away.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { provinceCode: province, unitCode, expiresAt: '2099-01-01T00:00:00Z' } })).json().key;
      const res = await away.inject({ method: 'POST', url: '/api/v1/submissions', headers: { 'x-api-key': key }, payload: { formCode: 'CDS-Q', period: '2025Q1', status: 'draft', values: reportValuesFixture() } });
      expect(res.statusCode).toBe(201);
    } finally {
      await away.close();
    }
  });

  describe('password checks', () => {
    let loose: ReportsTestApp;
    const username = uniqueCode('u').toLowerCase();

    beforeAll(async () => {
      // Limits out of the way: these tests measure the password check itself.
      loose = await startReportsTestApp({ province, database: 'reports_limits_timing', env: { SIGN_IN_FAILURES_PER_USERNAME: '1000', SIGN_IN_FAILURES_PER_ADDRESS: '100000', LOG_LEVEL: 'fatal' } });
      const headers = await loose.adminHeaders();
      const res = await loose.inject({ method: 'POST', url: '/api/v1/users', headers, payload: { username, password, roles: ['reviewer'], provinceCode: province } });
      expect(res.statusCode).toBe(201);
    }, 60000);

    afterAll(async () => {
      await loose?.close();
    });

    const timed = async (name: string) => {
      const started = performance.now();
      expect((await signIn(loose, name, 'a wrong password')).statusCode).toBe(401);
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

    it('takes about as long for an unknown username as for a wrong password of a known one', async () => {
      const [known, unknown]: number[][] = [[], []];
      // Interleaved, so a slow moment of the machine falls on both.
      for (let i = 0; i < 20; i++) {
        known.push(await timed(username));
        unknown.push(await timed(uniqueCode('nobody').toLowerCase()));
      }
      const ratio = median(unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    });

    it('keeps /health/live answering during a burst of wrong passwords (hashing off the event loop, a few at a time)', async () => {
      // What one password check costs on this machine now: a loop blocked by hashing makes the probe wait at least that.
      const oneHash = Math.min(...[0, 1, 2].map(() => {
        const started = performance.now();
        scryptSync(password, randomBytes(16), 32);
        return performance.now() - started;
      }));
      let burstDone = false;
      const waits: number[] = [];
      const probe = (async () => {
        while (!burstDone) {
          const due = performance.now() + 5;
          await new Promise((resolve) => setTimeout(resolve, 5));
          expect((await loose.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
          // From when the probe was due, so time the loop spent blocked before the timer fired counts too.
          waits.push(performance.now() - due);
        }
      })();
      await Promise.all(Array.from({ length: 24 }, () => timed(username)));
      burstDone = true;
      await probe;
      // Hashing on the loop (scryptSync) answered 5–9 probes here and made one wait 5–20 hashes
      // (0.5–1.2 s); off it, hundreds of probes, the longest wait one to five hashes on a loaded machine.
      expect(waits.length).toBeGreaterThan(10);
      expect(Math.max(...waits)).toBeLessThan(Math.max(5 * oneHash, 300));
    });
  });
});
