import { ReportForm, ReportSubmission } from '@dtp/contracts';
import { periodOfDate, vietnamDateOf } from '@dtp/domain';
import { OfficialRole, OfficialTokens } from '@dtp/platform';
import { infraEnv, readTopic, reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { Body, REPORTS_METRICS_TOKEN, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

describe('reports API on FerretDB and Kafka: forms, credentials, the life cycle of a submission', () => {
  const env = infraEnv();
  const province = uniqueCode('P');
  let reports: ReportsTestApp;
  let admin: Record<string, string>;
  let reviewer: Record<string, string>;
  let unitA: { unit: string; headers: Record<string, string> };
  let unitB: { unit: string; headers: Record<string, string> };

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  const issueKey = async (unit: string, expiresAt = '2099-12-31T00:00:00Z') => {
    const res = await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; key: string };
  };

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports' });
    const login = async (username: string, password: string) => ({ authorization: `Bearer ${(await call('POST', '/api/v1/auth/token', {}, { username, password })).json().accessToken}` });
    admin = await reports.adminHeaders();
    expect((await call('POST', '/api/v1/users', admin, { username: 'reviewer.one', password: 'reviewer-password-1', roles: ['reviewer'], provinceCode: province })).statusCode).toBe(201);
    reviewer = await login('reviewer.one', 'reviewer-password-1');
    expect((await call('PUT', '/api/v1/forms', admin, reportFormFixture(province))).statusCode).toBe(200);
    const [a, b] = [uniqueCode('A'), uniqueCode('B')];
    unitA = { unit: a, headers: { 'x-api-key': (await issueKey(a)).key } };
    unitB = { unit: b, headers: { 'x-api-key': (await issueKey(b)).key } };
  });

  afterAll(() => reports.close());

  // Open now, due in the future: today's quarter under Decree 09.
  const period = periodOfDate('quarter', vietnamDateOf(new Date()), 'decree-09');
  const idOf = (unit: string, p = period) => `${province}:${unit}:CDS-Q:${p}`;
  const submit = (who: { headers: Record<string, string> }, body: object) => call('POST', '/api/v1/submissions', who.headers, { formCode: 'CDS-Q', period, values: reportValuesFixture(), ...body });

  describe('credentials', () => {
    it('refuses a request without credentials, or with a bad or malformed key, with 401 and the reason', async () => {
      const none = await call('POST', '/api/v1/submissions', {}, {});
      expect(none.statusCode).toBe(401);
      expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(none.json().detail).toMatch(/X-API-Key/);
      expect((await submit({ headers: { 'x-api-key': 'nonsense' } }, {})).json().detail).toBe('the API key is malformed');
      const forged = unitA.headers['x-api-key']!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      expect((await submit({ headers: { 'x-api-key': forged } }, {})).json()).toMatchObject({ status: 401, detail: 'the API key is not valid' });
    });

    it('refuses unit A’s key writing or reading for unit B with 403', async () => {
      const res = await submit(unitA, { unitCode: unitB.unit });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(new RegExp(`write for unit ${unitA.unit}`));
      expect((await submit(unitB, {})).statusCode).toBe(201);
      expect((await call('GET', `/api/v1/submissions/${idOf(unitB.unit)}`, unitA.headers)).statusCode).toBe(403);
      expect((await call('GET', `/api/v1/submissions/${idOf(unitB.unit)}`, unitB.headers)).statusCode).toBe(200);
    });

    it('stops a revoked key, an expired key, and the old key of a rotation', async () => {
      const unit = uniqueCode('K');
      const revoked = await issueKey(unit);
      expect((await call('DELETE', `/api/v1/api-keys/${revoked.id}`, admin)).statusCode).toBe(204);
      expect((await submit({ headers: { 'x-api-key': revoked.key } }, {})).json()).toMatchObject({ status: 401, detail: 'the API key was revoked' });

      const old = await issueKey(unit);
      const rotated = (await call('POST', `/api/v1/api-keys/${old.id}/rotate`, admin, { expiresAt: '2099-01-01T00:00:00Z' })).json();
      expect((await submit({ headers: { 'x-api-key': old.key } }, {})).statusCode).toBe(401);
      expect((await submit({ headers: { 'x-api-key': rotated.key } }, {})).statusCode).toBe(201);

      const soon = await issueKey(unit, new Date(Date.now() + 1500).toISOString());
      await new Promise((resolve) => setTimeout(resolve, 1600));
      expect((await submit({ headers: { 'x-api-key': soon.key } }, {})).json().detail).toMatch(/^the API key expired on /);
      const listed = (await call('GET', `/api/v1/api-keys/${province}/${unit}`, admin)).json();
      expect(listed).toHaveLength(4);
      expect(JSON.stringify(listed)).not.toMatch(/secretHash|dtp_/);
    });

    it('keeps a province’s keys from another province’s administrator, by path or by id; a national administrator manages any', async () => {
      const unit = uniqueCode('K');
      const key = await issueKey(unit);
      const tokens = reports.app.get(OfficialTokens);
      const bearer = async (roles: OfficialRole[], provinceCode: string) => ({ authorization: `Bearer ${await tokens.issue({ kind: 'official', username: 'someone', roles, provinceCode })}` });
      const stranger = await bearer(['admin'], uniqueCode('P'));
      expect((await call('GET', `/api/v1/api-keys/${province}/${unit}`, stranger)).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/api-keys/${key.id}/rotate`, stranger, { expiresAt: '2099-01-01T00:00:00Z' })).statusCode).toBe(404);
      expect((await call('DELETE', `/api/v1/api-keys/${key.id}`, stranger)).statusCode).toBe(404);
      // Nor can a province's administrator make a national one.
      const grant = await call('POST', '/api/v1/users', admin, { username: `national.${Date.now()}`, password: 'national-password-1', roles: ['national-admin'], provinceCode: province });
      expect(grant.statusCode).toBe(403);
      const national = await bearer(['national-admin'], '');
      const listed = (await call('GET', `/api/v1/api-keys/${province}/${unit}`, national)).json();
      expect(listed).toMatchObject([{ _id: key.id, revokedAt: null }]);
      expect((await call('DELETE', `/api/v1/api-keys/${key.id}`, national)).statusCode).toBe(204);
    });

    it('keeps keys, forms and users to administrators, and officials to their roles', async () => {
      expect((await call('POST', '/api/v1/api-keys', unitA.headers, { provinceCode: province, unitCode: 'X', expiresAt: '2099-01-01T00:00:00Z' })).statusCode).toBe(403);
      expect((await call('PUT', '/api/v1/forms', reviewer, reportFormFixture(province))).json()).toMatchObject({ status: 403, detail: 'this needs the role admin' });
      expect((await call('PUT', '/api/v1/forms', admin, reportFormFixture('other-province'))).statusCode).toBe(403);
      expect((await call('POST', '/api/v1/auth/token', {}, { username: 'admin', password: 'wrong' })).json()).toMatchObject({ status: 401, detail: 'wrong username or password' });
      expect((await call('GET', `/api/v1/forms/${province}/CDS-Q`, unitA.headers)).json().indicators).toHaveLength(3);
    });
  });

  describe('forms', () => {
    it('announces every saved form on reports.form.v1 with its version, from the same write', async () => {
      const form = reportFormFixture(province, { code: 'ANNOUNCED-Q' });
      expect((await call('PUT', '/api/v1/forms', admin, form)).json().version).toBe(1);
      expect((await call('PUT', '/api/v1/forms', admin, { ...form, nameEn: 'Renamed' })).json()).toMatchObject({ version: 2, nameEn: 'Renamed' });
      expect((await call('GET', `/api/v1/forms/${province}/ANNOUNCED-Q`, admin)).json()).not.toHaveProperty('outbox');
      const key = `${province}:ANNOUNCED-Q`;
      const messages = await readTopic(env.KAFKA_BROKERS, ReportForm.TOPIC, (m) => m.filter((x) => x.key === key).length >= 2);
      const events = messages.filter((m) => m.key === key).map((m) => ReportForm.Envelope.parse(JSON.parse(m.value)).data);
      expect(events.map((e) => [e.version, e.nameEn, e.levels, e.countSubmitted])).toEqual([
        [1, 'Quarterly digital transformation report', ['district', 'commune'], true],
        [2, 'Renamed', ['district', 'commune'], true],
      ]);
      // Notifications computes due dates from it.
      expect(events[1]?.deadline).toEqual(form.deadline);
    });

    it('refuses a deadline rule that leaves no working day after the Decree 09 cut-off', async () => {
      const res = await call('PUT', '/api/v1/forms', admin, reportFormFixture(province, { code: 'BAD-Q', deadline: { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 } }));
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ field: 'deadline' });
      expect(res.json().errors[0].message).toMatch(/leaves no working day after the cut-off/);
    });

    it('refuses a milestone without its aggregation and a province-only indicator on a unit form', async () => {
      const res = await call('PUT', '/api/v1/forms', admin, reportFormFixture(province, {
        code: 'BAD-I',
        indicators: [
          { code: 'M', nameVi: 'M', nameEn: 'M', unitOfMeasure: '', kind: 'milestone', direction: 'higher-is-better' },
          { code: 'G', nameVi: 'G', nameEn: 'G', unitOfMeasure: '%', kind: 'province-percentage', direction: 'higher-is-better' },
        ],
      }));
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['indicators[0].milestoneAggregation', 'indicators[1].kind']);
    });
  });

  describe('the life cycle', () => {
    it('goes draft → submitted → returned → resubmitted → approved → corrected, announcing each change but the draft', async () => {
      const unit = uniqueCode('L');
      const who = { headers: { 'x-api-key': (await issueKey(unit)).key } };
      const id = idOf(unit);
      const snapshots: unknown[] = [];
      const snap = async () => snapshots.push((await call('GET', `/api/v1/submissions/${id}`, reviewer)).json());

      expect((await submit(who, { status: 'draft', values: reportValuesFixture().slice(0, 1) })).json()).toMatchObject({ status: 'draft', revision: 1 });
      await snap();
      expect((await call('POST', `/api/v1/submissions/${id}/approve`, reviewer, {})).json()).toMatchObject({ status: 409, type: 'https://dtp.gov.vn/problems/not-submitted' });
      expect((await submit(who, {})).json()).toMatchObject({ status: 'submitted', revision: 2, late: false });
      await snap();
      expect((await call('POST', `/api/v1/submissions/${id}/return`, who.headers, { reason: 'tự trả lại' })).statusCode).toBe(403);
      expect((await call('POST', `/api/v1/submissions/${id}/return`, reviewer, { reason: 'Mẫu số chưa khớp' })).json()).toMatchObject({ status: 'returned', revision: 3 });
      await snap();
      expect((await submit(who, { values: reportValuesFixture(2) })).json()).toMatchObject({ status: 'submitted', revision: 4 });
      await snap();
      expect((await call('POST', `/api/v1/submissions/${id}/approve`, reviewer, { comment: 'Đạt' })).json()).toMatchObject({ status: 'approved', revision: 5 });
      await snap();
      const locked = await submit(who, {});
      expect(locked.statusCode).toBe(409);
      expect(locked.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/locked', vi: { detail: 'báo cáo đã được phê duyệt và khoá; muốn sửa phải gửi bản điều chỉnh' } });
      expect((await call('POST', `/api/v1/submissions/${id}/corrections`, who.headers, { reason: 'Số liệu Cục Thống kê', values: reportValuesFixture(3) })).json()).toMatchObject({ status: 'submitted', revision: 6 });
      await snap();

      // Every earlier state can be read back, exactly as it was.
      for (const snapshot of snapshots) {
        const s = snapshot as { revision: number; status: string; values: unknown[] };
        const at = (await call('GET', `/api/v1/submissions/${id}/revisions/${s.revision}`, who.headers)).json();
        expect({ revision: at.revision, status: at.status, values: at.values }).toEqual({ revision: s.revision, status: s.status, values: s.values });
      }

      const mine = unitEventsOf(province, unit, period);
      const messages = await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.filter(mine).length >= 5);
      const events = messages.filter(mine).map((m) => ReportSubmission.Envelope.parse(JSON.parse(m.value)).data);
      expect(events.map((e) => [e.kind, e.revision, e.status, e.countable])).toEqual([
        ['submitted', 2, 'submitted', true],
        ['returned', 3, 'returned', false],
        ['revised', 4, 'submitted', true],
        ['approved', 5, 'approved', true],
        ['revised', 6, 'submitted', true],
      ]);
      expect(events[2]!.values).toContainEqual({ indicatorCode: 'BTS_STATIONS', value: 2792 });
      // The correction carries the figures approved at revision 5: aggregates keep them until it is approved.
      expect(events[4]!.approved).toEqual({ revision: 5, values: events[3]!.values });
      expect(events.slice(0, 4).map((e) => e.approved)).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('lets only the roles the form names return and approve its reports', async () => {
      // This form counts only approved figures.
      const form = reportFormFixture(province, { code: 'ADMIN-Q', approvers: ['admin'], countSubmitted: false });
      expect((await call('PUT', '/api/v1/forms', admin, form)).json().approvers).toEqual(['admin']);
      const sent = await call('POST', '/api/v1/submissions', unitA.headers, { formCode: 'ADMIN-Q', period, values: reportValuesFixture() });
      const id = sent.json()._id;
      const byReviewer = await call('POST', `/api/v1/submissions/${id}/approve`, reviewer, {});
      expect(byReviewer.json()).toMatchObject({ status: 403, detail: 'form ADMIN-Q is reviewed by admin', vi: { detail: 'chỉ quản trị viên được trả lại hoặc phê duyệt báo cáo theo biểu mẫu ADMIN-Q' } });
      expect((await call('POST', `/api/v1/submissions/${id}/approve`, admin, {})).json()).toMatchObject({ status: 'approved' });
      const mine = (m: { key: string | null; value: string }) => unitEventsOf(province, unitA.unit, period)(m) && m.value.includes('"formCode":"ADMIN-Q"');
      const messages = await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.filter(mine).length >= 2);
      const events = messages.filter(mine).map((m) => JSON.parse(m.value).data);
      expect(events.map((e: { status: string; countable: boolean }) => [e.status, e.countable])).toEqual([['submitted', false], ['approved', true]]);
    });

    it('marks a report first submitted after its deadline as late', async () => {
      const res = await submit(unitA, { period: '2024Q1' });
      expect(res.json()).toMatchObject({ status: 'submitted', deadline: '2024-03-15', late: true });
    });

    it('refuses a period not open yet, a period of the wrong type, and a submission missing an indicator', async () => {
      const future = await submit(unitA, { period: '2999Q1' });
      expect(future.json()).toMatchObject({ status: 422, errors: [{ field: 'period' }] });
      expect(future.json().detail).toMatch(/^period 2999Q1 opens on 2998-12-15$/);
      const wrongType = (await submit(unitA, { period: '202401' })).json();
      expect(wrongType.detail).toBe('form CDS-Q is reported by quarter, not by month (202401)');
      // The Vietnamese text names the period kinds in Vietnamese ("theo kỳ month" before).
      expect(wrongType.errors[0].messageVi).toBe('biểu mẫu CDS-Q báo cáo theo quý, không theo tháng (202401)');
      const partial = await submit(unitA, { values: reportValuesFixture().slice(1) });
      expect(partial.json()).toMatchObject({ status: 422, errors: [{ field: 'values', message: 'values: DOSSIERS_DIGITIZED is missing' }] });
    });

    it('names each bad value in English and Vietnamese and stores nothing', async () => {
      const unit = uniqueCode('V');
      const who = { headers: { 'x-api-key': (await issueKey(unit)).key } };
      const res = await submit(who, {
        values: [
          { indicatorCode: 'DOSSIERS_DIGITIZED', numerator: 9, denominator: 8 },
          { indicatorCode: 'BTS_STATIONS', value: 2.5 },
          { indicatorCode: 'EXAM_PILOT', value: 1 },
          { indicatorCode: 'NOT_ON_FORM', value: 1 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['values[0].numerator', 'values[1].value', 'values[2].value', 'values[3].indicatorCode']);
      expect(res.json().errors[0].messageVi).toBe('values[0].numerator: tử số 9 lớn hơn mẫu số 8');
      expect((await call('GET', `/api/v1/submissions/${idOf(unit)}`, who.headers)).statusCode).toBe(404);
    });

    it('refuses malformed input as problem+json naming each field', async () => {
      const res = await submit(unitA, { period: '2024Q5', extra: true });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'period']);
      expect(res.json().errors.find((e: { field: string }) => e.field === 'period').message).toMatch(/Accepted forms/);
    });

    it('gives each of five simultaneous submissions its own revision and event', async () => {
      const unit = uniqueCode('C');
      const who = { headers: { 'x-api-key': (await issueKey(unit)).key } };
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => submit(who, { values: reportValuesFixture(i + 1) })));
      expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
      const stored = (await call('GET', `/api/v1/submissions/${idOf(unit)}`, who.headers)).json();
      expect(stored.history.map((h: { revision: number }) => h.revision)).toEqual([1, 2, 3, 4, 5]);
      // One live submission per unit × form × period: the others were revisions of it.
      expect(await reports.connection().collection('submissions').countDocuments({ unitCode: unit })).toBe(1);
      const mine = unitEventsOf(province, unit, period);
      const messages = await readTopic(env.KAFKA_BROKERS, ReportSubmission.TOPIC, (m) => m.filter(mine).length >= 5);
      expect(messages.filter(mine).map((m) => JSON.parse(m.value).data.revision)).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('batches', () => {
    it('stores each good report of a batch and answers each bad one with its own problem', async () => {
      const unit = uniqueCode('BA');
      const who = { headers: { 'x-api-key': (await issueKey(unit)).key } };
      const res = await call('POST', '/api/v1/submissions/batch', who.headers, {
        reports: [
          { formCode: 'CDS-Q', period: '2024Q1', values: reportValuesFixture() },
          { formCode: 'CDS-Q', period: '2999Q1', values: reportValuesFixture() },
          { formCode: 'CDS-Q', period: '2024Q2', values: reportValuesFixture(), unitCode: unitB.unit },
          { formCode: 'CDS-Q', period: '2024Q3', values: reportValuesFixture() },
        ],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((r: { index: number; status: number }) => [r.index, r.status])).toEqual([[0, 201], [1, 422], [2, 403], [3, 201]]);
      expect(res.json()[1].problem.errors[0].field).toBe('period');
      expect((await call('GET', `/api/v1/submissions/${idOf(unit, '2024Q3')}`, who.headers)).json().status).toBe('submitted');
      expect((await call('GET', `/api/v1/submissions/${idOf(unit, '2024Q2')}`, who.headers)).statusCode).toBe(404);
    });

    it('refuses an empty batch or one of more than 100 reports as a whole', async () => {
      expect((await call('POST', '/api/v1/submissions/batch', unitA.headers, { reports: [] })).statusCode).toBe(400);
      const tooMany = Array.from({ length: 101 }, () => ({ formCode: 'CDS-Q', period: '2024Q1', values: [] }));
      expect((await call('POST', '/api/v1/submissions/batch', unitA.headers, { reports: tooMany })).json().errors[0].field).toBe('reports');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated request with the first answer and writes once', async () => {
      const unit = uniqueCode('I');
      const who = { headers: { 'x-api-key': (await issueKey(unit)).key, 'idempotency-key': `submit-${unit}` } };
      const first = await submit(who, {});
      const again = await submit(who, {});
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const stored = (await call('GET', `/api/v1/submissions/${idOf(unit)}`, who.headers)).json();
      expect(stored.revision).toBe(1);
      // Without the key, the same body is a new revision.
      expect((await submit({ headers: { 'x-api-key': who.headers['x-api-key']! } }, {})).json().revision).toBe(2);
    });

    it('refuses the same key with another body, and lets a failed request be retried with its key', async () => {
      const unit = uniqueCode('I');
      const key = (await issueKey(unit)).key;
      const who = { headers: { 'x-api-key': key, 'idempotency-key': 'one-key' } };
      const failed = await submit(who, { values: reportValuesFixture().slice(1) });
      expect(failed.statusCode).toBe(422);
      const fixed = await submit(who, {});
      expect(fixed.statusCode).toBe(201);
      const changed = await submit(who, { values: reportValuesFixture(2) });
      expect(changed.statusCode).toBe(422);
      expect(changed.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }], detail: 'this Idempotency-Key was used with a different request body' });
    });

    it('keeps one caller’s keys apart from another’s', async () => {
      const [a, b] = [uniqueCode('I'), uniqueCode('I')];
      const first = await submit({ headers: { 'x-api-key': (await issueKey(a)).key, 'idempotency-key': 'shared' } }, {});
      const second = await submit({ headers: { 'x-api-key': (await issueKey(b)).key, 'idempotency-key': 'shared' } }, {});
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(second.json()._id).not.toBe(first.json()._id);
    });
  });

  it('leaves health and the OpenAPI document open, metrics to their own token, and documents both credentials', async () => {
    expect((await call('GET', '/health/ready', {})).json()).toEqual({ status: 'ok', checks: { mongodb: { status: 'up', required: true }, kafka: { status: 'up', required: false } } });
    expect((await call('GET', '/metrics', {})).statusCode).toBe(401);
    expect((await call('GET', '/metrics', admin)).statusCode).toBe(401);
    expect((await call('GET', '/metrics', { authorization: 'Bearer not-the-metrics-token' })).statusCode).toBe(401);
    const metrics = await call('GET', '/metrics', { authorization: `Bearer ${REPORTS_METRICS_TOKEN}` });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.rawPayload.toString()).toMatch(/process_cpu/);
    const doc = (await call('GET', '/docs/openapi.json', {})).json();
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/submissions', '/api/v1/submissions/batch', '/api/v1/submissions/{id}/approve', '/api/v1/forms', '/api/v1/api-keys', '/api/v1/auth/token', '/api/dataValueSets', '/api/v1/submissions/excel']),
    );
  });

  it('documents every operation: a summary, its answer’s schema, its refusals, and an example for every field', async () => {
    const doc = (await call('GET', '/docs/openapi.json', {})).json();
    const gaps: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, Body>>(doc.paths)) {
      if (!path.startsWith('/api/')) continue;
      for (const [method, op] of Object.entries<Body>(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) gaps.push(`${name}: no summary`);
        const success = Object.entries<Body>(op.responses).filter(([code]) => code.startsWith('2'));
        if (success.length === 0) gaps.push(`${name}: no success response`);
        for (const [code, response] of success) if (code !== '204' && !response.content) gaps.push(`${name}: ${code} without a schema`);
        if (path !== '/api/v1/auth/token' && !op.responses['401']) gaps.push(`${name}: 401 not documented`);
        if (['post', 'put'].includes(method) && !op.responses['400']) gaps.push(`${name}: 400 not documented`);
      }
    }
    for (const [schema, definition] of Object.entries<Body>(doc.components.schemas)) {
      for (const [property, spec] of Object.entries<Body>(definition.properties ?? {})) {
        const nested = spec.$ref || spec.items?.$ref || spec.allOf;
        if (!nested && spec.example === undefined) gaps.push(`${schema}.${property}: no example`);
      }
    }
    expect(gaps).toEqual([]);
  });
});

/** One unit's events for a period: keyed by province (one partition per province, in order). */
function unitEventsOf(province: string, unit: string, period: string) {
  return (m: { key: string | null; value: string }): boolean => {
    if (m.key !== province) return false;
    const data = JSON.parse(m.value).data as { unitCode: string; period: string };
    return data.unitCode === unit && data.period === period;
  };
}
