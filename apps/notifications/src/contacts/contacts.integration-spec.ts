import { SettableClock, startNotificationsTestApp, NotificationsTestApp } from '../../test/notifications-test-app';
import { WebhookReceiver } from '../../test/webhook-receiver';

const PROVINCE = '20';
const admin = { roles: ['admin' as const], provinceCode: PROVINCE };
const SECRET = 'lang-son-unit-shared-secret';

/** Every form of a non-public destination, IP literals spelled as the WHATWG parser (and so the HTTP client) reads them. */
const NON_PUBLIC_URLS: Array<[string, string]> = [
  ['http://127.0.0.1/hooks', '127.0.0.1'],
  ['http://127.1/hooks', '127.0.0.1'],
  ['http://2130706433/hooks', '127.0.0.1'],
  ['http://0x7f.1/hooks', '127.0.0.1'],
  ['http://0177.0.0.1/hooks', '127.0.0.1'],
  ['http://017700000001/hooks', '127.0.0.1'],
  ['http://[::1]/hooks', '::1'],
  ['http://[::ffff:127.0.0.1]/hooks', '::ffff:7f00:1'],
  ['http://[64:ff9b::a9fe:a9fe]/hooks', '64:ff9b::a9fe:a9fe'],
  ['http://10.20.30.40/hooks', '10.20.30.40'],
  ['http://172.16.5.4/hooks', '172.16.5.4'],
  ['https://192.168.1.10:8443/hooks', '192.168.1.10'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ['http://[fe80::1]/hooks', 'fe80::1'],
  ['http://[fd12:3456::1]/hooks', 'fd12:3456::1'],
  ['http://100.64.0.1/hooks', '100.64.0.1'],
  ['http://0.0.0.0/hooks', '0.0.0.0'],
  ['http://0/hooks', '0.0.0.0'],
  ['http://[::]/hooks', '::'],
];

describe('contacts: webhooks only to public destinations unless the deployment names them', () => {
  let service: NotificationsTestApp;
  let trusting: NotificationsTestApp;
  let hook: WebhookReceiver;

  const save = (on: NotificationsTestApp, url: string, unit = '180') => on.call('PUT', `/api/v1/contacts/${PROVINCE}/units/${unit}`, { emails: [], webhook: { url, secret: SECRET } }, admin);

  beforeAll(async () => {
    hook = await WebhookReceiver.start();
    const clock = new SettableClock('2025-06-17T01:00:00Z');
    service = await startNotificationsTestApp({ database: 'notifications_contacts', clock, env: { WEBHOOK_ALLOWED_HOSTS: '192.168.50.0/24, hooks.langson.test' } });
    trusting = await startNotificationsTestApp({ database: 'notifications_contacts_trusting', clock, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
  });

  afterAll(async () => {
    await service?.close();
    await trusting?.close();
    await hook?.close();
  });

  it.each(NON_PUBLIC_URLS)('refuses %s (it is %s) with 422 naming webhook.url, and keeps nothing', async (url, address) => {
    const res = await save(service, url);
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.detail).toContain(`webhook.url: points at ${address}, `);
    expect(problem.vi.detail).toContain(`webhook.url: trỏ tới ${address}, `);
    expect(problem.errors).toEqual([{ field: 'webhook.url', message: problem.detail, messageVi: problem.vi.detail }]);
    expect((await service.call('GET', `/api/v1/contacts/${PROVINCE}`, undefined, admin)).json().filter((c: { webhookUrl?: string }) => c.webhookUrl === url)).toEqual([]);
  });

  it('refuses a name that resolves to loopback, in English and Vietnamese', async () => {
    const res = await save(service, `http://localhost:${hook.port}/hooks/dtp`);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      detail: 'webhook.url: localhost resolves to 127.0.0.1, the server itself (loopback) (127.0.0.0/8): webhooks go to public addresses only, unless WEBHOOK_ALLOWED_HOSTS names the destination',
      vi: { detail: 'webhook.url: tên miền localhost trỏ tới 127.0.0.1, chính máy chủ của hệ thống (127.0.0.0/8): chỉ gửi tới địa chỉ công khai, trừ khi đích đến được cho phép trong WEBHOOK_ALLOWED_HOSTS' },
      errors: [{ field: 'webhook.url' }],
    });
  });

  it('refuses a name that does not resolve, even one the allow-list names: there is no address to check and connect to', async () => {
    const res = await save(service, 'https://hooks.langson.test/dtp');
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/^webhook\.url: hooks\.langson\.test does not resolve/);
  });

  it.each([
    ['ftp://8.8.8.8/hooks', 'webhook.url: must be an http:// or https:// URL, not ftp:'],
    ['https://unit:password@8.8.8.8/hooks', 'webhook.url: must not carry a user name or password: the body is signed with the shared secret'],
    ['not a url', 'webhook.url: must be an absolute http:// or https:// URL'],
  ])('refuses %s as malformed (400)', async (url, detail) => {
    const res = await save(service, url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ detail, errors: [{ field: 'webhook.url' }] });
  });

  it('keeps a public destination, and a private one inside a network the allow-list names', async () => {
    expect((await save(service, 'https://203.162.4.191/hooks/dtp', '181')).statusCode).toBe(200);
    expect((await save(service, 'http://192.168.50.7:8080/hooks/dtp', '182')).statusCode).toBe(200);
    expect((await save(service, 'http://192.168.51.7:8080/hooks/dtp', '183')).statusCode).toBe(422);
  });

  it('lets the local receiver through where the allow-list names 127.0.0.1', async () => {
    const res = await save(trusting, hook.url);
    expect(res.statusCode).toBe(200);
    expect(res.json().webhookUrl).toBe(hook.url);
    expect((await save(trusting, `http://localhost:${hook.port}/hooks/dtp`, '184')).statusCode).toBe(200);
  });
});
