import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ReportForm, Topics, WorkingCalendar } from '@dtp/contracts';
import { OrgUnit, referenceUnits } from '@dtp/domain';
import { KnownWorkingCalendar } from '@dtp/messaging';
import { infraEnv, produceRaw, uniqueCode, waitFor } from '@dtp/testing';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';

const env = infraEnv();

/**
 * A province's calendar change, as reports announces it on `reports.working-calendar.v1`, moves the
 * deadlines notifications keeps and with them what it calls late. A province of this test's own
 * (served as the indicators service would) keeps other runs' calendars, on the compacted topic,
 * out of the way. A monthly form due on the 15th of the period's month: 202604 is due Wednesday 15/4/2026.
 */
describe("a province's working calendar reaching notifications over Kafka", () => {
  const province = uniqueCode('HOL');
  const form = uniqueCode('HM');
  const clock = new SettableClock(new Date('2026-04-16T09:00:00+07:00'));
  const admin = { roles: ['admin' as const], provinceCode: province };
  let units: Server;
  let service: NotificationsTestApp;

  const obligation = async (period: string): Promise<Body> => {
    const rows: Body[] = (await service.call('GET', `/api/v1/calendar/${province}?form=${form}&period=${period}`, undefined, { provinceCode: province, roles: ['reviewer'] })).json();
    return rows[0];
  };
  const calendarEvent = (version: number, overrides: WorkingCalendar.Override[]) => ({
    key: province,
    value: JSON.stringify(WorkingCalendar.envelope({ source: 'test', data: { kind: 'saved', provinceCode: province, overrides, version } })),
  });
  const dayOff = (date: string): WorkingCalendar.Override => ({ date, working: false, reason: 'Quyết định của UBND tỉnh' });

  beforeAll(async () => {
    const provinceUnit: OrgUnit = { id: province, name: 'Tỉnh thử nghiệm', level: 'province', parents: [], successors: [] };
    units = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([...referenceUnits(), provinceUnit])));
    await new Promise<void>((resolve) => units.listen(0, '127.0.0.1', resolve));
    service = await startNotificationsTestApp({ database: 'notifications_holidays', clock, env: { INDICATORS_URL: `http://127.0.0.1:${(units.address() as AddressInfo).port}` } });
    await produceRaw(env.KAFKA_BROKERS, Topics.ReportFormV1, [
      {
        key: `${province}:${form}`,
        value: JSON.stringify(ReportForm.envelope({ source: 'test', data: { kind: 'saved', provinceCode: province, code: form, nameVi: 'Báo cáo tháng', nameEn: 'Monthly report', periodType: 'month', calendar: 'decree-09', levels: ['province'], countSubmitted: false, deadline: { kind: 'day-of-month', day: 15, monthsAfterPeriodEnd: 0 }, version: 1 } })),
      },
    ]);
    await waitFor(
      async () => {
        await service.call('POST', `/api/v1/calendar/${province}/refresh`, {}, admin);
        return obligation('202604');
      },
      (o) => o !== undefined,
      { what: 'the form to reach the calendar', timeoutMs: 30_000 },
    );
  });

  afterAll(async () => {
    await service?.close();
    await new Promise((resolve) => units?.close(resolve));
  });

  it('computes with the shipped calendar first: 202604 due 15/4, late on 16/4; 202603 due Monday 16/3 (15/3 a Sunday)', async () => {
    expect(await obligation('202604')).toMatchObject({ deadline: '2026-04-15', state: 'late' });
    expect((await obligation('202603')).deadline).toBe('2026-03-16');
  });

  it('moves the deadline when the province makes 15/4 a day off: due 16/4, no longer late', async () => {
    await produceRaw(env.KAFKA_BROKERS, Topics.WorkingCalendarV1, [calendarEvent(2, [dayOff('2026-04-15')])]);
    const moved = await waitFor(() => obligation('202604'), (o) => o.deadline === '2026-04-16', { what: 'the deadline to move', timeoutMs: 30_000 });
    expect(moved.state).toBe('open');
    expect((await obligation('202603')).deadline).toBe('2026-03-16');
  });

  it('keeps the newest version: an older or repeated event changes nothing', async () => {
    await produceRaw(env.KAFKA_BROKERS, Topics.WorkingCalendarV1, [calendarEvent(1, [dayOff('2026-04-16')]), calendarEvent(2, [dayOff('2026-04-15')])]);
    await service.caughtUp();
    expect((await obligation('202604')).deadline).toBe('2026-04-16');
    const stored = await service.connection().collection<KnownWorkingCalendar>('known_working_calendars').findOne({ _id: province });
    expect(stored).toMatchObject({ version: 2, overrides: [dayOff('2026-04-15')] });
  });

  it('returns to the shipped calendar when the province clears its list', async () => {
    await produceRaw(env.KAFKA_BROKERS, Topics.WorkingCalendarV1, [calendarEvent(3, [])]);
    const back = await waitFor(() => obligation('202604'), (o) => o.deadline === '2026-04-15', { what: 'the deadline to return', timeoutMs: 30_000 });
    expect(back.state).toBe('late');
  });
});
