import { Topics } from '@dtp/contracts';
import { addDays, localDate, nextWorkingDayOnOrAfter, parseLocalDate, previousWorkingDayOnOrBefore, provinceWorkingCalendar, vietnamDateOf } from '@dtp/domain';
import { infraEnv, readTopic, reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { Body, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';

/**
 * The province's calendar at its source: an admin's day off moves the deadline of the reports that
 * follow, and so their late flag, and is announced to the other services keyed by province.
 * Real time: the deadline is the last working day before today, so a report today is late under
 * the shipped calendar and on time once the province makes that day a day off.
 */
describe("a province's working calendar in reports", () => {
  const env = infraEnv();
  const province = uniqueCode('HOL');
  const today = vietnamDateOf(new Date());
  const due = previousWorkingDayOnOrBefore(addDays(today, -1), provinceWorkingCalendar());
  const { year, month, day } = parseLocalDate(due);
  // A statistical month due on the `day` of the month after: the month before `due`'s is due on `due`.
  const period = month === 1 ? `${year - 1}12` : `${year}${String(month - 1).padStart(2, '0')}`;
  const form = reportFormFixture(province, { code: 'HOL-M', periodType: 'month', calendar: 'calendar', levels: ['district'], deadline: { kind: 'day-of-month', day, monthsAfterPeriodEnd: 1 } });
  const reason = 'Quyết định số 99/QĐ-UBND: nghỉ kỷ niệm ngày giải phóng tỉnh';
  let reports: ReportsTestApp;
  let admin: Record<string, string>;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const unit = async () => {
    const code = uniqueCode('U');
    const key = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: code, expiresAt: '2099-12-31T00:00:00Z' })).json().key as string;
    return { 'x-api-key': key };
  };
  const report = async (headers: Record<string, string>, status: 'draft' | 'submitted' = 'submitted'): Promise<Body> => {
    const res = await call('POST', '/api/v1/submissions', headers, { formCode: 'HOL-M', period, values: reportValuesFixture(), ...(status === 'draft' ? { status } : {}) });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_holidays' });
    admin = await reports.adminHeaders();
    expect((await call('PUT', '/api/v1/forms', admin, form)).statusCode).toBe(200);
  });

  afterAll(() => reports.close());

  it('shows the shipped year with its basis before the province changes anything', async () => {
    const res = await call('GET', `/api/v1/working-calendar/${province}?year=2025`, admin);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ provinceCode: province, version: 0, overrides: [], year: 2025, confirmed: true });
    expect(view.daysOff.filter((d: Body) => d.nameVi === 'Tết Nguyên đán').map((d: Body) => d.date)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(view.workingWeekendDays).toEqual([expect.objectContaining({ date: '2025-04-26', source: 'shipped' })]);
    expect(view.basis.join(' ')).toContain('Điều 112');
  });

  it(`marks a report late after ${due} under the shipped calendar, and on time once the province makes ${due} a day off`, async () => {
    const before = await report(await unit());
    expect(before).toMatchObject({ deadline: due, late: true });
    const draftUnit = await unit();
    expect((await report(draftUnit, 'draft')).deadline).toBe(due);

    const res = await call('PUT', `/api/v1/working-calendar/${province}?year=${year}`, admin, { overrides: [{ date: due, working: false, reason }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, overrides: [{ date: due, working: false, reason }] });
    expect(res.json().daysOff).toContainEqual(expect.objectContaining({ date: due, source: 'province', nameVi: reason }));

    const moved = nextWorkingDayOnOrAfter(addDays(due, 1), provinceWorkingCalendar([{ date: due, working: false, reason }]));
    expect(await report(await unit())).toMatchObject({ deadline: moved, late: false });
    // A draft takes the calendar as it stands when it is submitted; a report already submitted keeps its flag.
    expect(await report(draftUnit)).toMatchObject({ deadline: moved, late: false });
    expect((await call('GET', `/api/v1/submissions/${encodeURIComponent(before._id)}`, admin)).json()).toMatchObject({ deadline: due, late: true });
  });

  it('announces the whole list on reports.working-calendar.v1, keyed by province, with its version', async () => {
    const messages = await readTopic(env.KAFKA_BROKERS, Topics.WorkingCalendarV1, (m) => m.some((x) => x.key === province));
    const event = JSON.parse(messages.find((x) => x.key === province)!.value);
    expect(event).toMatchObject({ type: 'reports.working-calendar', version: 1, key: province, data: { kind: 'saved', provinceCode: province, version: 1, overrides: [{ date: due, working: false, reason }] } });
  });

  it('refuses a list with a problem whole, naming each field in English and Vietnamese', async () => {
    const res = await call('PUT', `/api/v1/working-calendar/${province}`, admin, {
      overrides: [
        { date: '30/4/2026', working: false, reason },
        { date: localDate(year, 12, 31), working: true, reason: '' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.errors.map((e: Body) => e.field)).toEqual(['overrides[0].date', 'overrides[1].reason']);
    expect(problem.errors[0].messageVi).toBe('"30/4/2026" không phải ngày hợp lệ (YYYY-MM-DD)');
    expect((await call('GET', `/api/v1/working-calendar/${province}`, admin)).json().version).toBe(1);
  });

  it("refuses another province's calendar, a non-admin, and a year out of range", async () => {
    expect((await call('PUT', `/api/v1/working-calendar/${uniqueCode('X')}`, admin, { overrides: [] })).statusCode).toBe(403);
    const key = await unit();
    expect((await call('GET', `/api/v1/working-calendar/${province}`, key)).statusCode).toBe(403);
    const bad = await call('GET', `/api/v1/working-calendar/${province}?year=20x6`, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('year');
  });
});
