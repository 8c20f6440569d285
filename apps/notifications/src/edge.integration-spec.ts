import { DEFAULT_BODY_LIMIT } from '@dtp/platform';
import { deepJson, jsonOfSize, SECURITY_HEADERS } from '@dtp/testing';
import type { InjectOptions } from 'fastify';
import { NotificationsTestApp, SettableClock, startNotificationsTestApp } from '../test/notifications-test-app';

describe('notifications: headers and request limits at the edge (FerretDB, Kafka, Redis)', () => {
  let service: NotificationsTestApp;
  const inject = (options: InjectOptions) => service.app.getHttpAdapter().getInstance().inject(options);
  const json = { 'content-type': 'application/json' };

  beforeAll(async () => {
    service = await startNotificationsTestApp({ database: 'notifications_edge', clock: new SettableClock('2025-03-10T02:00:00Z') });
  });
  afterAll(() => service.close());

  it('puts helmet’s headers on answers and refusals', async () => {
    for (const url of ['/api/v1/calendar/20', '/api/v1/templates', '/health/live']) expect((await inject({ method: 'GET', url })).headers).toMatchObject(SECURITY_HEADERS);
  });

  it('answers JSON nested 3,000 deep with 400 problem+json, before credentials or validation', async () => {
    const answer = await inject({ method: 'POST', url: '/api/v1/reminders/send-now', headers: json, payload: deepJson(3000) });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/json-too-deep' });
  });

  it('answers a body over 1 MB with 413 problem+json', async () => {
    const answer = await inject({ method: 'POST', url: '/api/v1/reminders/send-now', headers: json, payload: jsonOfSize(DEFAULT_BODY_LIMIT + 1) });
    expect(answer.statusCode).toBe(413);
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/body-too-large', vi: { title: 'Nội dung quá lớn' } });
  });
});
