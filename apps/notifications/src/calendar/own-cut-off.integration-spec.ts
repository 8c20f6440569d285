import { ReportForm, Topics } from '@dtp/contracts';
import { infraEnv, produceRaw, uniqueCode, waitFor } from '@dtp/testing';
import { MailReceiver } from '../../test/mail-receiver';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const env = infraEnv();
const PROVINCE = '20';
const TRANG_DINH = { code: '180', email: 'vanphong.trangdinh.own-cut-off@langson.test' };

/**
 * A quarterly form under a sector circular: data to the end of the quarter's second month
 * (31/5/2025 for 2025Q2), due on the 6th of its last month (Friday 6/6/2025), a deadline Decree
 * 09's cut-off (14/6) would not allow. The calendar and the reminders date it by its own cut-off.
 */
describe('notifications: the calendar and reminders of a form with its own cut-off', () => {
  const form = uniqueCode('TT');
  const clock = new SettableClock(vn('2025-06-02 09:00'));
  let mail: MailReceiver;
  let service: NotificationsTestApp;
  const admin = { roles: ['admin' as const] };

  beforeAll(async () => {
    mail = await MailReceiver.start();
    service = await startNotificationsTestApp({ database: 'notifications_own_cut_off', clock, env: { SMTP_URL: mail.url } });
    await service.caughtUp();
    const data: ReportForm.Payload = {
      kind: 'saved',
      provinceCode: PROVINCE,
      code: form,
      nameVi: 'Báo cáo chuyển đổi số quý',
      nameEn: 'Quarterly digital transformation report',
      periodType: 'quarter',
      calendar: 'decree-09',
      levels: ['district'],
      countSubmitted: false,
      deadline: { kind: 'day-of-month', day: 6, monthsAfterPeriodEnd: 0 },
      cutOff: { kind: 'day-of-month', day: 31, monthsAfterPeriodEnd: -1 },
      legalBasis: { document: 'Thông tư 03/2022/TT-BTTTT', article: 'Điều 5' },
      version: 1,
    };
    await produceRaw(env.KAFKA_BROKERS, Topics.ReportFormV1, [{ key: `${PROVINCE}:${form}`, value: JSON.stringify(ReportForm.envelope({ source: 'test', data })) }]);
    await waitFor(
      async () => {
        await service.call('POST', `/api/v1/calendar/${PROVINCE}/refresh`, {}, admin);
        return (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json().length;
      },
      (n) => n > 0,
      { what: 'the form to reach the calendar', timeoutMs: 30_000 },
    );
    const rule = { daysBefore: [3], onDeadline: false, daysAfter: [], escalateTo: 'standing-agency', sendTime: '08:00' };
    expect((await service.call('PUT', `/api/v1/reminder-rules/${PROVINCE}/${form}`, rule, admin)).statusCode).toBe(200);
    expect((await service.call('PUT', `/api/v1/contacts/${PROVINCE}/units/${TRANG_DINH.code}`, { emails: [TRANG_DINH.email] }, admin)).statusCode).toBe(200);
  });

  afterAll(async () => {
    await service?.close();
    await mail?.close();
  });

  it('owes 2025Q2 from every district that exists on 31/5/2025, cut off that day and due on 6/6/2025', async () => {
    const calendar: Body[] = (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json();
    expect(calendar).toHaveLength(11);
    expect(calendar.every((o) => o.period === '2025Q2' && o.cutOff === '2025-05-31' && o.deadline === '2025-06-06')).toBe(true);
  });

  it('reminds three working days before the own deadline, citing the cut-off and the legal basis', async () => {
    clock.set(vn('2025-06-03 08:00'));
    await service.tick();
    await waitFor(async () => mail.to(TRANG_DINH.email).filter((m) => m.deliveryId.includes(form)), (m) => m.length > 0, { what: 'the reminder', timeoutMs: 20_000 });
    const [reminder] = mail.to(TRANG_DINH.email).filter((m) => m.deliveryId.includes(form));
    expect(reminder?.text).toContain('Hạn nộp: ngày 06/06/2025 (số liệu chốt đến ngày 31/05/2025, theo Thông tư 03/2022/TT-BTTTT (Điều 5)).');
    expect(reminder?.text).toContain('due in 3 working days, on 06/06/2025 (data as of 31/05/2025, under Thông tư 03/2022/TT-BTTTT (Điều 5)).');
  });
});
