import { ReportForm, Topics } from '@dtp/contracts';
import { DedicatedRedis, infraEnv, produceRaw, uniqueCode, waitFor } from '@dtp/testing';
import { MailReceiver } from '../../test/mail-receiver';
import { Body, NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../../test/notifications-test-app';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { DeliveryProcessor } from './delivery.processor';
import { verifyWebhookSignature } from './channels/webhook-signature';

const vn = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const env = infraEnv();
const PROVINCE = '42';
const admin = { roles: ['admin' as const], provinceCode: PROVINCE };
const SECRET = 'ha-tinh-district-shared-secret';
/** The fake receivers listen on loopback: a deployment must name such a destination to reach it. */
const LOCAL_RECEIVER = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
/** Hà Tĩnh's 13 district-level units, the form's reporting units here. */
const DISTRICTS = ['436', '437', '439', '440', '441', '442', '443', '444', '445', '446', '447', '448', '449'];

/** A quarterly form of Hà Tĩnh's districts due Friday 20/6/2025, reminded 3 working days before (Tuesday 17/6) at 08:00. */
async function announceForm(service: NotificationsTestApp, form: string): Promise<void> {
  await produceRaw(env.KAFKA_BROKERS, Topics.ReportFormV1, [
    { key: `${PROVINCE}:${form}`, value: JSON.stringify(ReportForm.envelope({ source: 'test', data: { kind: 'saved', provinceCode: PROVINCE, code: form, nameVi: 'Báo cáo chuyển đổi số quý', nameEn: 'Quarterly digital transformation report', periodType: 'quarter', calendar: 'decree-09', levels: ['district'], countSubmitted: false, deadline: { kind: 'day-of-month', day: 20, monthsAfterPeriodEnd: 0 }, version: 1 } })) },
  ]);
  await waitFor(
    async () => {
      await service.call('POST', `/api/v1/calendar/${PROVINCE}/refresh`, {}, admin);
      return (await service.call('GET', `/api/v1/calendar/${PROVINCE}?form=${form}`, undefined, { provinceCode: PROVINCE, roles: ['reviewer'] })).json().length;
    },
    (n) => n === DISTRICTS.length,
    { what: 'the form to reach the calendar', timeoutMs: 30_000 },
  );
  const rule = { daysBefore: [3], onDeadline: false, daysAfter: [], escalateTo: 'parent', sendTime: '08:00' };
  expect((await service.call('PUT', `/api/v1/reminder-rules/${PROVINCE}/${form}`, rule, admin)).statusCode).toBe(200);
}

const emailOf = (unit: string) => `vanphong.${unit}@hatinh.test`;

async function setContacts(service: NotificationsTestApp, webhookUrl?: string): Promise<void> {
  for (const unit of DISTRICTS) {
    const contact = { emails: [emailOf(unit)], ...(webhookUrl && unit === '436' ? { webhook: { url: webhookUrl, secret: SECRET } } : {}) };
    expect((await service.call('PUT', `/api/v1/contacts/${PROVINCE}/units/${unit}`, contact, admin)).statusCode).toBe(200);
  }
}

async function deliveriesOf(service: NotificationsTestApp, form: string): Promise<Body[]> {
  return (await service.call('GET', `/api/v1/deliveries/${PROVINCE}?form=${form}&limit=1000`, undefined, admin)).json();
}

describe('deliveries', () => {
  let mail: MailReceiver;

  beforeAll(async () => {
    mail = await MailReceiver.start();
  });

  afterAll(async () => {
    await mail?.close();
  });

  const mailsOf = (form: string) => mail.mails.filter((m) => m.deliveryId.includes(form));

  it('two instances planning and dispatching together send each reminder once', async () => {
    const form = uniqueCode('TWO');
    const clock = new SettableClock(vn('2025-06-17 08:00'));
    const database = `notifications_two_${form.toLowerCase()}`;
    const queuePrefix = uniqueCode('two').toLowerCase();
    const first = await startNotificationsTestApp({ database, clock, queuePrefix, env: { SMTP_URL: mail.url } });
    // The second instance shares the first's database and queues, as two replicas of one deployment do.
    const second = await startNotificationsTestApp({ database, clock, queuePrefix, env: { SMTP_URL: mail.url, MONGO_DB: first.connection().name } });
    try {
      await first.caughtUp();
      await announceForm(first, form);
      await setContacts(first);
      await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
      await waitFor(async () => mailsOf(form).length, (n) => n >= DISTRICTS.length, { what: 'one reminder per district', timeoutMs: 30_000 });
      // A while longer, to see that no second copy follows.
      await Promise.all([first.tick(), second.tick()]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(mailsOf(form).map((m) => m.to[0]).sort()).toEqual(DISTRICTS.map(emailOf).sort());
      const log = (await deliveriesOf(first, form)).filter((d) => d.channel === 'email');
      expect(log).toHaveLength(DISTRICTS.length);
      expect(log.every((d) => d.state === 'sent' && d.attemptLog.length === 1)).toBe(true);
    } finally {
      await second.close({ dropDatabase: false });
      await first.close();
    }
  });

  it('a Redis restarted empty between scheduling and sending loses no reminder and sends none twice', async () => {
    const form = uniqueCode('RDS');
    const redis = await DedicatedRedis.start();
    const clock = new SettableClock(vn('2025-06-17 08:00'));
    const service = await startNotificationsTestApp({ database: 'notifications_redis', clock, env: { SMTP_URL: mail.url, REDIS_URL: redis.url } });
    try {
      await service.caughtUp();
      await announceForm(service, form);
      await setContacts(service);
      // Scheduled and handed to the queue, but nothing works the queue yet.
      await service.queue().pause(true);
      await service.tick();
      expect((await service.queue().getJobCounts()).waiting).toBeGreaterThanOrEqual(DISTRICTS.length);
      expect(mailsOf(form)).toHaveLength(0);
      await redis.restart();
      await waitFor(async () => (await service.queue().client.ping()) === 'PONG', (up) => up, { what: 'the service to reconnect to Redis', timeoutMs: 20_000 });
      expect((await service.queue().getJobCounts()).waiting).toBe(0);
      await service.queue().resume(true);
      await service.tick();
      await waitFor(async () => mailsOf(form).length, (n) => n >= DISTRICTS.length, { what: 'the reminders after the restart', timeoutMs: 30_000 });
      await service.tick();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(mailsOf(form).map((m) => m.to[0]).sort()).toEqual(DISTRICTS.map(emailOf).sort());
    } finally {
      await service.close();
      await redis.close();
    }
  });

  it('retries a webhook that fails twice with backoff: the receiver gets it once, signed; every attempt is logged', async () => {
    const form = uniqueCode('HOOK');
    const hook = await WebhookReceiver.start([500, 503], (body) => JSON.parse(body).formCode === form);
    const clock = new SettableClock(vn('2025-06-17 08:00'));
    const service = await startNotificationsTestApp({ database: 'notifications_webhook', clock, env: { SMTP_URL: mail.url, DELIVERY_BACKOFF_MS: '200', ...LOCAL_RECEIVER } });
    try {
      await service.caughtUp();
      await announceForm(service, form);
      await setContacts(service, hook.url);
      await service.tick();
      const ours = () => hook.calls.filter((c) => JSON.parse(c.body).formCode === form);
      await waitFor(async () => ours().filter((c) => c.answered === 200).length, (n) => n === 1, { what: 'the webhook to succeed', timeoutMs: 30_000 });
      expect(ours().map((c) => c.answered)).toEqual([500, 503, 200]);
      for (const call of ours()) expect(verifyWebhookSignature(SECRET, String(call.headers['x-dtp-timestamp']), call.body, String(call.headers['x-dtp-signature']), clock.now())).toBe(true);
      const accepted = JSON.parse(ours()[2]?.body ?? '{}');
      expect(accepted).toMatchObject({ notice: 'reminder-before', provinceCode: PROVINCE, unitCode: '436', formCode: form, period: '2025Q2' });
      expect(accepted.text).toContain('Còn 3 ngày làm việc đến hạn nộp báo cáo');
      const [delivery] = (await deliveriesOf(service, form)).filter((d) => d.channel === 'webhook');
      expect(delivery.state).toBe('sent');
      expect(delivery.attemptLog.map((a: Body) => [a.n, a.status, a.detail])).toEqual([
        [1, 'failed', `${hook.url} answered HTTP 500`],
        [2, 'failed', `${hook.url} answered HTTP 503`],
        [3, 'delivered', 'HTTP 200'],
      ]);
    } finally {
      await service.close();
      await hook.close();
    }
  });

  it('a delivery whose job runs outside office hours waits for the next opening; a final failure is recorded with its reason', async () => {
    const form = uniqueCode('QUIET');
    const hook = await WebhookReceiver.start([500, 500, 500], (body) => JSON.parse(body).formCode === form);
    const clock = new SettableClock(vn('2025-06-17 08:00'));
    const service = await startNotificationsTestApp({ database: 'notifications_quiet', clock, env: { SMTP_URL: mail.url, DELIVERY_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '100', ...LOCAL_RECEIVER } });
    try {
      await service.caughtUp();
      await announceForm(service, form);
      await setContacts(service, hook.url);
      await service.queue().pause(true);
      await service.tick();
      const [webhook] = (await deliveriesOf(service, form)).filter((d) => d.channel === 'webhook');
      // Its job only gets to run at 17:05: it is moved to Wednesday 07:30.
      clock.set(vn('2025-06-17 17:05'));
      expect(await service.app.get(DeliveryProcessor).send(webhook._id)).toBe('postponed');
      const [postponed] = (await deliveriesOf(service, form)).filter((d) => d.channel === 'webhook');
      expect(new Date(postponed.sendAt).toISOString()).toBe(vn('2025-06-18 07:30').toISOString());
      expect(hook.calls.filter((c) => JSON.parse(c.body).formCode === form)).toHaveLength(0);
      clock.set(vn('2025-06-18 07:30'));
      await service.queue().resume(true);
      await service.tick();
      await waitFor(async () => (await deliveriesOf(service, form)).find((d) => d.channel === 'webhook')?.state, (s) => s === 'failed', { what: 'the webhook to fail for good', timeoutMs: 30_000 });
      const [failed] = (await deliveriesOf(service, form)).filter((d) => d.channel === 'webhook');
      expect(failed.lastError).toBe(`${hook.url} answered HTTP 500`);
      expect(failed.attemptLog.map((a: Body) => a.status)).toEqual(['failed', 'failed']);
    } finally {
      await service.close();
      await hook.close();
    }
  });

  it('does not call a webhook whose stored address now leads to a private one: the delivery fails with the reason', async () => {
    const form = uniqueCode('PRIV');
    const hook = await WebhookReceiver.start();
    const clock = new SettableClock(vn('2025-06-17 08:00'));
    // No allow-list: 127.0.0.1 is not a destination this deployment trusts.
    const service = await startNotificationsTestApp({ database: 'notifications_private', clock, env: { SMTP_URL: mail.url, DELIVERY_ATTEMPTS: '1' } });
    try {
      await service.caughtUp();
      await announceForm(service, form);
      await setContacts(service);
      // As a contact saved before the rule, or whose name was public when saved and resolves to loopback now.
      await service.connection().collection('contacts').updateOne({ _id: `${PROVINCE}:unit:436` } as never, { $set: { webhook: { url: hook.url, secret: SECRET } } });
      await service.tick();
      await waitFor(async () => (await deliveriesOf(service, form)).find((d) => d.channel === 'webhook')?.state, (s) => s === 'failed', { what: 'the webhook delivery to fail', timeoutMs: 30_000 });
      const [failed] = (await deliveriesOf(service, form)).filter((d) => d.channel === 'webhook');
      const reason = `${hook.url} was not called: points at 127.0.0.1, the server itself (loopback) (127.0.0.0/8): webhooks go to public addresses only, unless WEBHOOK_ALLOWED_HOSTS names the destination`;
      expect(failed.lastError).toBe(reason);
      expect(failed.attemptLog.map((a: Body) => [a.status, a.detail])).toEqual([['failed', reason]]);
      expect(hook.calls).toHaveLength(0);
    } finally {
      await service.close();
      await hook.close();
    }
  });
});
