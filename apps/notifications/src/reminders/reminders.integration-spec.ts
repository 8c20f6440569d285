import { ReportForm } from '@dtp/contracts';
import { infraEnv, produceRaw, submissionEvent, uniqueCode, waitFor } from '@dtp/testing';
import { Topics } from '@dtp/contracts';
import { MailReceiver } from '../../test/mail-receiver';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';
import { verifyWebhookSignature } from '../deliveries/channels/webhook-signature';
import { WebhookReceiver } from '../../test/webhook-receiver';

/** A wall-clock time in Vietnam. */
const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

const env = infraEnv();
const PROVINCE = '20';
const TRANG_DINH = { code: '180', email: 'vanphong.trangdinh@langson.test' };
const BINH_GIA = { code: '181', email: 'vanphong.binhgia@langson.test' };
const AGENCY = 'sokhcn@langson.test';
const WEBHOOK_SECRET = 'trang-dinh-shared-secret-0123';

/**
 * One quarter of a quarterly form of Lạng Sơn's districts, day by day: 2025Q2 (Decree 09 cut-off
 * 14/6/2025), due on the 20th of the period's last month: Friday 20/6/2025. The rule: 3 working
 * days before at 08:00, on the day, 2 working days after, escalation to the standing agency after 4.
 */
describe('reminders on the real infrastructure with a controlled clock', () => {
  const form = uniqueCode('NQ');
  const clock = new SettableClock(vn('2025-06-16 09:00'));
  let mail: MailReceiver;
  let hook: WebhookReceiver;
  let service: NotificationsTestApp;
  const admin = { roles: ['admin' as const] };

  /** This test's mails: the shared topics also carry other runs' forms for the same units. */
  const mailsTo = (address: string) => mail.to(address).filter((m) => m.deliveryId.includes(form));
  const hookAccepted = () => hook.accepted().filter((c) => JSON.parse(c.body).formCode === form);
  const deliveries = async (query = ''): Promise<Body[]> => (await service.call('GET', `/api/v1/deliveries/${PROVINCE}?form=${form}&limit=1000${query}`, undefined, admin)).json();
  /** Every delivery due by the clock has been worked off. */
  const settle = async () => {
    await waitFor(
      async () => {
        const counts = await service.queue().getJobCounts();
        const due = (await deliveries('&state=scheduled')).filter((d) => new Date(d.sendAt) <= clock.now());
        return counts.waiting + counts.active + counts.delayed + due.length;
      },
      (n) => n === 0,
      { what: 'deliveries due to be sent', timeoutMs: 20_000 },
    );
  };
  const at = async (local: string) => {
    clock.set(vn(local));
    await service.tick();
    await settle();
  };

  beforeAll(async () => {
    mail = await MailReceiver.start();
    hook = await WebhookReceiver.start();
    // The fake receiver listens on loopback: named in the allow-list, as a deployment names an internal system.
    service = await startNotificationsTestApp({ database: 'notifications_reminders', clock, env: { SMTP_URL: mail.url, WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    // Other tests' events on the shared topics are worked off before this test's contacts exist.
    await service.caughtUp();
    await produceRaw(env.KAFKA_BROKERS, Topics.ReportFormV1, [
      { key: `${PROVINCE}:${form}`, value: JSON.stringify(ReportForm.envelope({ source: 'test', data: { kind: 'saved', provinceCode: PROVINCE, code: form, nameVi: 'Báo cáo chuyển đổi số quý', nameEn: 'Quarterly digital transformation report', periodType: 'quarter', calendar: 'decree-09', levels: ['district'], countSubmitted: false, deadline: { kind: 'day-of-month', day: 20, monthsAfterPeriodEnd: 0 }, version: 1 } })) },
    ]);
    // The form arrives over Kafka.
    await waitFor(
      async () => {
        await service.call('POST', `/api/v1/calendar/${PROVINCE}/refresh`, {}, admin);
        return (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json().length;
      },
      (n) => n > 0,
      { what: 'the form to reach the calendar', timeoutMs: 30_000 },
    );
    const rule = { daysBefore: [3], onDeadline: true, daysAfter: [2], escalateAfter: 4, escalateTo: 'standing-agency', sendTime: '08:00' };
    expect((await service.call('PUT', `/api/v1/reminder-rules/${PROVINCE}/${form}`, rule, admin)).statusCode).toBe(200);
    expect((await service.call('PUT', `/api/v1/contacts/${PROVINCE}/units/${TRANG_DINH.code}`, { emails: [TRANG_DINH.email], webhook: { url: hook.url, secret: WEBHOOK_SECRET } }, admin)).statusCode).toBe(200);
    expect((await service.call('PUT', `/api/v1/contacts/${PROVINCE}/units/${BINH_GIA.code}`, { emails: [BINH_GIA.email] }, admin)).statusCode).toBe(200);
    expect((await service.call('PUT', `/api/v1/contacts/${PROVINCE}/standing-agency`, { name: 'Sở Khoa học và Công nghệ', emails: [AGENCY] }, admin)).statusCode).toBe(200);
  });

  afterAll(async () => {
    await service?.close();
    await mail?.close();
    await hook?.close();
  });

  it('keeps the reporting calendar: every Lạng Sơn district owes 2025Q2 by 20/6/2025, open', async () => {
    const calendar: Body[] = (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json();
    expect(calendar.map((o) => o.unitCode).sort()).toEqual(['178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189']);
    expect(calendar.every((o) => o.period === '2025Q2' && o.cutOff === '2025-06-14' && o.deadline === '2025-06-20' && o.state === 'open')).toBe(true);
  });

  it('shows which units are late, the reminder rules and the templates to officials of the province only', async () => {
    for (const url of [`/api/v1/calendar/${PROVINCE}?form=${form}&state=late`, `/api/v1/reminder-rules/${PROVINCE}/${form}`, '/api/v1/templates']) {
      const anonymous = await service.call('GET', url);
      expect({ url, status: anonymous.statusCode }).toEqual({ url, status: 401 });
      expect({ url, status: (await service.call('GET', url, undefined, { provinceCode: PROVINCE, roles: ['unit-officer'], unitCode: '180' })).statusCode }).toEqual({ url, status: 200 });
      expect({ url, status: (await service.call('GET', url, undefined, { provinceCode: '', roles: ['national-admin'] })).statusCode }).toEqual({ url, status: 200 });
    }
    // The templates are the same for every province; the rest is the province's own.
    for (const url of [`/api/v1/calendar/${PROVINCE}?form=${form}&state=late`, `/api/v1/reminder-rules/${PROVINCE}/${form}`]) {
      expect({ url, status: (await service.call('GET', url, undefined, { provinceCode: '42', roles: ['admin'] })).statusCode }).toEqual({ url, status: 403 });
    }
  });

  it('sends nothing before the reminder’s day and time', async () => {
    await at('2025-06-16 09:00');
    await at('2025-06-17 07:45');
    expect(mail.mails.filter((m) => m.deliveryId.includes(form))).toHaveLength(0);
    expect(hookAccepted()).toHaveLength(0);
  });

  it('sends one reminder at 08:00 three working days before, in Vietnamese with vi-VN dates, then English', async () => {
    await at('2025-06-17 08:00');
    const [reminder, ...more] = mailsTo(TRANG_DINH.email);
    expect(more).toHaveLength(0);
    expect(reminder?.subject).toBe('[Nhắc hạn] Còn 3 ngày làm việc: Báo cáo chuyển đổi số quý II năm 2025 / Reminder: Quarterly digital transformation report due in 3 working days');
    expect(reminder?.text).toContain('Kính gửi Tràng Định,');
    expect(reminder?.text).toContain('Còn 3 ngày làm việc đến hạn nộp báo cáo "Báo cáo chuyển đổi số quý" kỳ quý II năm 2025.');
    expect(reminder?.text).toContain('Hạn nộp: ngày 20/06/2025 (số liệu chốt đến ngày 14/06/2025).');
    expect(reminder?.text).toContain('The report "Quarterly digital transformation report" for Q2 2025 is due in 3 working days, on 20/06/2025');
    expect(reminder?.html).toContain('<html lang="vi">');
    // The unit's system got it too, signed; every district has it in its inbox.
    expect(hookAccepted()).toHaveLength(1);
    const log = await deliveries(`&unit=${TRANG_DINH.code}`);
    expect(log.map((d) => [d.notice, d.channel, d.state, new Date(d.sendAt).toISOString()]).sort()).toEqual([
      ['reminder-before', 'email', 'sent', '2025-06-17T01:00:00.000Z'],
      ['reminder-before', 'inbox', 'sent', '2025-06-17T01:00:00.000Z'],
      ['reminder-before', 'webhook', 'sent', '2025-06-17T01:00:00.000Z'],
    ]);
    expect(log.every((d) => d.attemptLog.length === 1 && d.attemptLog[0].status === 'delivered')).toBe(true);
    const inbox: Body[] = (await service.call('GET', '/api/v1/inbox', undefined, { username: 'officer-180', roles: ['unit-officer'], unitCode: TRANG_DINH.code })).json();
    expect(inbox.filter((m) => m.formCode === form).map((m) => m.notice)).toEqual(['reminder-before']);
  });

  it('does not send the same reminder again, later that day or the next', async () => {
    await at('2025-06-17 10:00');
    await at('2025-06-18 08:00');
    await at('2025-06-19 08:00');
    expect(mailsTo(TRANG_DINH.email)).toHaveLength(1);
    expect(hookAccepted()).toHaveLength(1);
  });

  it('cancels the next reminder of a unit that submits', async () => {
    // The deadline-day reminders are planned at 07:00 for 08:00; Bình Gia then submits.
    clock.set(vn('2025-06-20 07:00'));
    await service.tick();
    expect((await deliveries(`&unit=${BINH_GIA.code}&state=scheduled`)).map((d) => d.notice)).toEqual(['reminder-on-deadline', 'reminder-on-deadline']);
    const submitted = submissionEvent({ provinceCode: PROVINCE, unitCode: BINH_GIA.code, formCode: form, period: '2025Q2', changedAt: vn('2025-06-20 07:10').toISOString() });
    await produceRaw(env.KAFKA_BROKERS, Topics.ReportSubmissionV1, [{ key: `${PROVINCE}:${BINH_GIA.code}:2025Q2`, value: JSON.stringify(submitted) }]);
    await waitFor(async () => (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}&unit=${BINH_GIA.code}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json()[0]?.state, (s) => s === 'submitted', { what: 'the submission to reach the calendar', timeoutMs: 30_000 });
    await at('2025-06-20 08:00');
    const kinds = (address: string) => mailsTo(address).map((m) => m.subject.split(']')[0] + ']');
    expect(kinds(BINH_GIA.email)).toEqual(['[Nhắc hạn]']);
    expect(kinds(TRANG_DINH.email)).toEqual(['[Nhắc hạn]', '[Đến hạn hôm nay]']);
    expect((await deliveries(`&unit=${BINH_GIA.code}&state=cancelled`)).map((d) => d.lastError)).toEqual(['report submitted (revision 1)', 'report submitted (revision 1)']);
  });

  it('sends nothing in quiet hours: planned after 17:00, the overdue reminder waits for 07:30 the next working day and states the delay of that day', async () => {
    // Tuesday 24/6 is 2 working days after the deadline; the planner first runs at 18:00.
    await at('2025-06-24 18:00');
    await at('2025-06-25 07:29');
    expect(mailsTo(TRANG_DINH.email)).toHaveLength(2);
    await at('2025-06-25 07:30');
    const overdue = mailsTo(TRANG_DINH.email)[2];
    // The rule's "2 working days after" was planned on 24/6; on 25/6 the report is 3 working days late.
    expect(overdue?.subject).toContain('[Quá hạn 3 ngày làm việc]');
    expect(overdue?.text).toContain('đã quá hạn 3 ngày làm việc (hạn nộp ngày 20/06/2025)');
  });

  it('escalates an overdue unit to the standing agency once', async () => {
    await at('2025-06-26 08:00');
    await at('2025-06-27 08:00');
    await at('2025-07-01 08:00');
    const escalations = mailsTo(AGENCY);
    // The ten districts that have not reported, one escalation each; not Bình Gia.
    expect(escalations).toHaveLength(10);
    expect(escalations.filter((m) => m.text.includes('Đơn vị Tràng Định chưa nộp báo cáo'))).toHaveLength(1);
    expect(escalations.some((m) => m.text.includes('Bình Gia'))).toBe(false);
    expect(escalations[0]?.text).toContain('Kính gửi Sở Khoa học và Công nghệ,');
    // The unit itself heard nothing more after its last reminder.
    expect(mailsTo(TRANG_DINH.email)).toHaveLength(3);
  });

  it('signs every webhook call with HMAC-SHA256 over the timestamp and the body', () => {
    expect(hookAccepted().length).toBeGreaterThanOrEqual(3);
    for (const call of hook.calls) {
      const [timestamp, signature] = [String(call.headers['x-dtp-timestamp']), String(call.headers['x-dtp-signature'])];
      expect(verifyWebhookSignature(WEBHOOK_SECRET, timestamp, call.body, signature, new Date(Number(timestamp) * 1000))).toBe(true);
      expect(verifyWebhookSignature('another-secret-of-some-length', timestamp, call.body, signature, new Date(Number(timestamp) * 1000))).toBe(false);
    }
  });
});
