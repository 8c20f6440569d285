import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@dtp/testing';
import { dashboardEnv } from './config';
import { createWebServer } from './web-server';

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('dashboard server: the page and the forwarding of its calls', () => {
  let upstream: Server;
  let dashboard: Server;
  let base: string;
  const seen: Array<{ method: string; url: string; authorization?: string; body: string }> = [];

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        seen.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
        if (request.url === '/api/v1/exports/1/file') {
          response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': "attachment; filename=\"a.csv\"; filename*=UTF-8''L%E1%BA%A1ng%20S%C6%A1n.csv" });
          return response.end('\uFEFFunit_code\r\n178\r\n');
        }
        response.writeHead(request.url?.startsWith('/api/v1/missing') ? 404 : 200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ echoed: request.url }));
      });
    });
    const upstreamPort = await listen(upstream);
    const web = mkdtempSync(join(tmpdir(), 'dtp-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
    writeFileSync(join(web, 'assets', 'index-abc.js'), 'console.log(1)');
    const config = dashboardEnv.parse({
      WEB_ROOT: web,
      INDICATORS_URL: `http://127.0.0.1:${upstreamPort}`,
      EXPORTS_URL: `http://127.0.0.1:${upstreamPort}`,
      // Nothing listens here: the notifications service is "down".
      NOTIFICATIONS_URL: `http://127.0.0.1:${await freePort()}`,
    });
    dashboard = createWebServer(config, () => undefined);
    base = `http://127.0.0.1:${await listen(dashboard)}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => dashboard.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('forwards a call to its service with the path, query, token and body, and returns its answer', async () => {
    const get = await fetch(`${base}/svc/indicators/api/v1/rankings/20/X/2024?level=district`, { headers: { authorization: 'Bearer t0k3n' } });
    expect(await get.json()).toEqual({ echoed: '/api/v1/rankings/20/X/2024?level=district' });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', authorization: 'Bearer t0k3n' });
    const post = await fetch(`${base}/svc/exports/api/v1/exports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"scorecard"}' });
    expect(post.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/v1/exports', body: '{"kind":"scorecard"}' });
    expect((await fetch(`${base}/svc/indicators/api/v1/missing`)).status).toBe(404);
  });

  it('passes a file through with its type and Vietnamese name untouched', async () => {
    const file = await fetch(`${base}/svc/exports/api/v1/exports/1/file`);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''L%E1%BA%A1ng%20S%C6%A1n.csv");
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('answers 502 problem+json naming the service, in both languages, when a service is down', async () => {
    const down = await fetch(`${base}/svc/notifications/api/v1/calendar/20`);
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    expect(await down.json()).toMatchObject({ status: 502, service: 'notifications', vi: { detail: 'dịch vụ thông báo không phản hồi' } });
  });

  it('serves the page for any other path, hashed assets for a year, and nothing outside its folder', async () => {
    const page = await fetch(`${base}/anything/else`);
    expect(await page.text()).toBe('<!doctype html><title>page</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escape = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toBe('<!doctype html><title>page</title>');
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/index.html`, { method: 'DELETE' })).status).toBe(405);
  });
});
