import { ReportForm } from '@dtp/contracts';
import { addDays, cutOffDate, DeadlineRule, deadlineOf, formatPeriodId, FormSchedule, periodDates, vietnamDateOf, WorkingCalendar } from '@dtp/domain';
import { infraEnv, readTopic, reportFormFixture, reportValuesFixture, uniqueCode } from '@dtp/testing';
import { Body, ReportsTestApp, startReportsTestApp } from '../../test/reports-test-app';
import { FormsService } from './forms.service';

/** A sector circular's quarterly regime: data to the end of the quarter's second month, due on the 6th of its last month. */
const SECTOR_CUT_OFF = { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -1 };
const SIXTH_OF_LAST_MONTH = { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 };
const BASIS = { document: 'Thông tư 03/2022/TT-BTTTT', article: 'Điều 5' };

describe('reports API: a form with its own cut-off and legal basis', () => {
  const env = infraEnv();
  const province = uniqueCode('P');
  let reports: ReportsTestApp;
  let admin: Record<string, string>;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) => reports.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const putForm = (overrides: Record<string, unknown>) => call('PUT', '/api/v1/forms', admin, reportFormFixture(province, overrides));

  beforeAll(async () => {
    reports = await startReportsTestApp({ province, database: 'reports_own_cut_off' });
    admin = await reports.adminHeaders();
  });

  afterAll(() => reports.close());

  it('refuses a deadline before Decree 09’s cut-off when the form has no cut-off of its own, saying how a sector regime is stated', async () => {
    const res = await putForm({ code: 'SECTOR-Q', deadline: SIXTH_OF_LAST_MONTH, legalBasis: BASIS });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors).toEqual([
      {
        field: 'deadline',
        message: expect.stringMatching(/leaves no working day after the cut-off .*Decree 09\/2019; a form whose legal basis sets another cut-off states it in cutOff with legalBasis/),
        messageVi: expect.stringContaining('biểu mẫu theo chế độ báo cáo riêng cần khai báo ngày chốt số liệu riêng và căn cứ pháp lý'),
      },
    ]);
  });

  it('refuses the form’s own cut-off without a legal basis, or outside the period, naming the field in both languages', async () => {
    const unfounded = await putForm({ code: 'SECTOR-Q', deadline: SIXTH_OF_LAST_MONTH, cutOff: SECTOR_CUT_OFF });
    expect(unfounded.statusCode).toBe(422);
    expect(unfounded.json().errors).toEqual([{ field: 'legalBasis', message: expect.stringContaining('must name its legal basis'), messageVi: expect.stringContaining('phải nêu căn cứ pháp lý') }]);

    const outside = await putForm({ code: 'SECTOR-Q', deadline: SIXTH_OF_LAST_MONTH, cutOff: { ...SECTOR_CUT_OFF, monthsAfterPeriodEnd: -3 }, legalBasis: BASIS });
    expect(outside.json().errors).toEqual([{ field: 'cutOff.monthsAfterPeriodEnd', message: expect.stringContaining('within the period'), messageVi: expect.stringContaining('phải nằm trong kỳ báo cáo') }]);

    const blank = await putForm({ code: 'SECTOR-Q', deadline: SIXTH_OF_LAST_MONTH, cutOff: SECTOR_CUT_OFF, legalBasis: { document: '  ', article: 'Điều 5' } });
    expect(blank.json().errors.map((e: { field: string }) => e.field)).toEqual(['legalBasis.document']);

    // Against its own cut-off a deadline is still checked: the 25th leaves no working day after the period's last day.
    const tooEarly = await putForm({ code: 'SECTOR-Q', deadline: { kind: 'day-of-month', day: 25, monthsAfterPeriodEnd: 0 }, cutOff: { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: 0 }, legalBasis: BASIS });
    expect(tooEarly.json().errors).toEqual([
      { field: 'deadline', message: expect.stringContaining('the form\'s own cut-off, Thông tư 03/2022/TT-BTTTT'), messageVi: expect.stringContaining('ngày chốt số liệu riêng của biểu mẫu (theo Thông tư 03/2022/TT-BTTTT)') },
    ]);
  });

  it('accepts the deadline against the form’s own cut-off with its legal basis, returns both and announces them', async () => {
    const saved = await putForm({ code: 'SECTOR-Q', deadline: SIXTH_OF_LAST_MONTH, cutOff: SECTOR_CUT_OFF, legalBasis: BASIS });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ cutOff: SECTOR_CUT_OFF, legalBasis: BASIS, deadline: SIXTH_OF_LAST_MONTH });
    expect((await call('GET', `/api/v1/forms/${province}/SECTOR-Q`, admin)).json()).toMatchObject({ cutOff: SECTOR_CUT_OFF, legalBasis: BASIS });

    // Saved again on Decree 09's terms, it drops both.
    const back = await putForm({ code: 'SECTOR-Q' });
    expect(back.json().version).toBe(2);
    expect(back.json()).not.toHaveProperty('cutOff');
    expect(back.json()).not.toHaveProperty('legalBasis');

    const key = `${province}:SECTOR-Q`;
    const messages = await readTopic(env.KAFKA_BROKERS, ReportForm.TOPIC, (m) => m.filter((x) => x.key === key).length >= 2);
    const events = messages.filter((m) => m.key === key).map((m) => ReportForm.Envelope.parse(JSON.parse(m.value)).data);
    expect(events.map((e) => [e.version, e.cutOff, e.legalBasis])).toEqual([
      [1, SECTOR_CUT_OFF, BASIS],
      [2, undefined, undefined],
    ]);
  });

  it('marks a report late by the deadline from the form’s own cut-off, where Decree 09’s would still be ahead', async () => {
    const working = await reports.app.get(FormsService).calendars.of(province);
    const { rule, cutOff, period, deadline } = discriminatingCase(vietnamDateOf(new Date()), working);
    const code = uniqueCode('OWN');
    const saved = await putForm({ code, cutOff, legalBasis: BASIS, deadline: rule });
    expect(saved.statusCode).toBe(200);
    const unit = uniqueCode('U');
    const key = (await call('POST', '/api/v1/api-keys', admin, { provinceCode: province, unitCode: unit, expiresAt: '2099-12-31T00:00:00Z' })).json().key as string;
    const submitted = await call('POST', '/api/v1/submissions', { 'x-api-key': key }, { formCode: code, period, values: reportValuesFixture() });
    expect(submitted.statusCode).toBe(201);
    const stored: Body = (await call('GET', `/api/v1/submissions/${province}:${unit}:${code}:${period}`, admin)).json();
    expect(stored).toMatchObject({ deadline, late: true });
  });
});

/**
 * A quarter, a cut-off of its own (the 1st of the quarter's first month) and a deadline N working
 * days after the cut-off such that, today, the own deadline has passed and Decree 09's has not,
 * and the quarter is open. Two values of N shift the deadlines apart, so one of them works on any day.
 */
function discriminatingCase(today: string, working: WorkingCalendar): { rule: DeadlineRule; cutOff: FormSchedule['cutOff']; period: string; deadline: string } {
  const cutOff = { kind: 'day-of-month' as const, day: 1, monthsAfterPeriodEnd: -2 };
  const own: FormSchedule = { calendar: 'decree-09', cutOff };
  const year = Number(today.slice(0, 4));
  for (const days of [1, 40]) {
    const rule: DeadlineRule = { kind: 'working-days-after-cut-off', days };
    for (let y = year - 1; y <= year + 1; y += 1) {
      for (let index = 1; index <= 4; index += 1) {
        const p = { type: 'quarter' as const, year: y, index };
        const ownDeadline = deadlineOf(rule, p, own, working);
        const decreeDeadline = deadlineOf(rule, p, 'decree-09', working);
        if (periodDates(p, own).start <= today && ownDeadline < today && decreeDeadline > addDays(today, 1) && cutOffDate(p, own) < today) {
          return { rule, cutOff, period: formatPeriodId(p), deadline: ownDeadline };
        }
      }
    }
  }
  throw new Error(`no quarter tells the two deadlines apart on ${today}`);
}
