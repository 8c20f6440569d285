import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants as zlib, gunzipSync, gzipSync } from 'node:zlib';
import { freePort } from '@dtp/testing';
import { dashboardEnv } from './config';
import { createWebServer } from './web-server';

// Raw bytes and headers: fetch would ask for gzip and br by itself and undo them.
const raw = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });

// Written as tools/build.mjs (precompress) writes them: brotli quality 11, gzip level 9.
const withSiblings = (file: string, content: Buffer, codings: Array<'br' | 'gz'>) => {
  writeFileSync(file, content);
  if (codings.includes('br')) writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
  if (codings.includes('gz')) writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
};

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('dashboard server: the page and the forwarding of its calls', () => {
  let upstream: Server;
  let dashboard: Server;
  let base: string;
  const seen: Array<{ method: string; url: string; authorization?: string; body: string }> = [];
  const script = Buffer.from(Array.from({ length: 200 }, (_, i) => `export const value${i} = ${i * 7919} + "Lạng Sơn";\n`).join(''));
  const styles = Buffer.from(Array.from({ length: 100 }, (_, i) => `.row-${i} { margin: ${i}px; }\n`).join(''));

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
    writeFileSync(join(web, 'assets', 'index-Ab3_x-9Z.js'), 'console.log(1)');
    withSiblings(join(web, 'assets', 'main-BgLo7pME.js'), script, ['br', 'gz']);
    // The sibling a build did not write: the next coding, then the file itself.
    withSiblings(join(web, 'assets', 'index-rR-xZAfL.css'), styles, ['gz']);
    withSiblings(join(web, 'assets', 'chunk-Cq2mNn0e.js'), script, []);
    withSiblings(join(web, 'assets', 'logo.svg'), Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`), ['br', 'gz']);
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
    const asset = await fetch(`${base}/assets/index-Ab3_x-9Z.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const escape = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toBe('<!doctype html><title>page</title>');
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/index.html`, { method: 'DELETE' })).status).toBe(405);
  });

  describe('precompressed assets', () => {
    it('sends brotli when the client accepts it, gzip ahead of it only when weighted higher', async () => {
      const br = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['vary']).toBe('Accept-Encoding');
      expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(script.length / 2);
      expect(brotliDecompressSync(br.body)).toEqual(script);
      const weighted = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'br;q=0.5, gzip' });
      expect(weighted.headers['content-encoding']).toBe('gzip');
    });

    it('sends gzip when only gzip is accepted', async () => {
      const gz = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['vary']).toBe('Accept-Encoding');
      expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
      expect(gunzipSync(gz.body)).toEqual(script);
    });

    it.each([
      ['both refused', { 'accept-encoding': 'br;q=0, gzip;q=0' }],
      ['no Accept-Encoding', {}],
      ['only codings it has not got', { 'accept-encoding': 'deflate, zstd' }],
    ])('sends the bytes as they are when %s', async (_, headers: Record<string, string>) => {
      const identity = await raw(`${base}/assets/main-BgLo7pME.js`, headers);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.headers['vary']).toBe('Accept-Encoding');
      expect(identity.headers['content-length']).toBe(String(script.length));
      expect(identity.body).toEqual(script);
    });

    it('falls back to the next coding, then to the file itself, when the build wrote no sibling', async () => {
      const css = await raw(`${base}/assets/index-rR-xZAfL.css`, { 'accept-encoding': 'br, gzip' });
      expect(css.headers['content-encoding']).toBe('gzip');
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(gunzipSync(css.body)).toEqual(styles);
      const bare = await raw(`${base}/assets/chunk-Cq2mNn0e.js`, { 'accept-encoding': 'br, gzip' });
      expect(bare.headers['content-encoding']).toBeUndefined();
      expect(bare.body).toEqual(script);
    });

    it('answers HEAD with the headers of the GET it stands for and no body', async () => {
      const get = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'br' });
      const head = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'br' }, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      for (const name of ['content-encoding', 'content-length', 'content-type', 'vary', 'cache-control', 'content-security-policy']) expect(head.headers[name]).toBe(get.headers[name]);
    });

    it('keeps the security headers on a compressed answer', async () => {
      const br = await raw(`${base}/assets/main-BgLo7pME.js`, { 'accept-encoding': 'br' });
      expect(br.headers['x-content-type-options']).toBe('nosniff');
      expect(br.headers['x-frame-options']).toBe('DENY');
      expect(br.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('caches only hashed assets for a year; the page and unhashed files are asked for again', async () => {
      const immutable = 'public, max-age=31536000, immutable';
      for (const asset of ['/assets/main-BgLo7pME.js', '/assets/index-rR-xZAfL.css', '/assets/chunk-Cq2mNn0e.js']) {
        expect((await raw(`${base}${asset}`, { 'accept-encoding': 'br, gzip' })).headers['cache-control']).toBe(immutable);
      }
      const svg = await raw(`${base}/assets/logo.svg`, { 'accept-encoding': 'br' });
      expect(svg.headers['content-encoding']).toBe('br');
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(svg.headers['cache-control']).toBe('no-cache');
      for (const page of ['/', '/index.html', '/overview']) {
        const answer = await raw(`${base}${page}`, { 'accept-encoding': 'br, gzip' });
        expect(answer.headers['cache-control']).toBe('no-cache');
        expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(answer.body.toString()).toBe('<!doctype html><title>page</title>');
      }
    });
  });
});

describe('dashboard server: the forwarding cannot be steered', () => {
  let upstream: Server;
  let evil: Server;
  let dashboard: Server;
  let port: number;
  let evilHost: string;
  const upstreamSeen: string[] = [];
  const evilSeen: string[] = [];

  // Raw request lines: fetch and URL would normalise `..`, `%2e` and backslashes before sending.
  const rawPath = (path: string, method = 'GET') =>
    new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path, method }, (response) => {
        let body = '';
        response.on('data', (c: Buffer) => (body += c.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, type: response.headers['content-type'], body }));
      })
        .on('error', reject)
        .end();
    });

  beforeAll(async () => {
    const recorder = (seen: string[]) =>
      createServer((request, response) => {
        seen.push(request.url!);
        request.resume();
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ reached: request.url }));
      });
    upstream = recorder(upstreamSeen);
    evil = recorder(evilSeen);
    const upstreamBase = `http://127.0.0.1:${await listen(upstream)}`;
    evilHost = `127.0.0.1:${await listen(evil)}`;
    const web = mkdtempSync(join(tmpdir(), 'dtp-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>page</title>');
    const config = dashboardEnv.parse({ WEB_ROOT: web, REPORTS_URL: upstreamBase, INDICATORS_URL: upstreamBase, NOTIFICATIONS_URL: upstreamBase, EXPORTS_URL: upstreamBase });
    dashboard = createWebServer(config, () => undefined);
    port = await listen(dashboard);
  });

  afterAll(async () => {
    await new Promise((resolve) => dashboard.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
    await new Promise((resolve) => evil.close(resolve));
  });

  it('forwards a plain API call to the configured host', async () => {
    const answer = await rawPath('/svc/reports/api/v1/forms/20?x=1');
    expect(answer.status).toBe(200);
    expect(upstreamSeen.at(-1)).toBe('/api/v1/forms/20?x=1');
  });

  it('sends hostile paths nowhere: not to another host, not outside the API, answered with problem+json', async () => {
    const hostile = [
      `/svc/reports//${evilHost}/latest/meta-data`,
      `/svc/reports//169.254.169.254/latest/meta-data`,
      `/svc/reports/api//${evilHost}/x`,
      `/svc/reports//user@${evilHost}/x`,
      `/svc/reports/@${evilHost}/x`,
      `/svc/indicators/http://${evilHost}/`,
      `/svc/indicators/api/http://${evilHost}/`,
      `/svc/notifications/\\\\${evilHost}/x`,
      `/svc/notifications/api\\..\\..\\metrics`,
      `/svc/exports/api/v1/../../metrics`,
      `/svc/exports/api/%2e%2e/%2e%2e/metrics`,
      `/svc/exports/api/v1/%2E%2E/%2E%2E/health/ready`,
      `/svc/reports/..%2f..%2fmetrics`,
      `/svc/reports/api/..%2f..%2fmetrics`,
      `/svc/reports/api/%252e%252e/%252e%252e/metrics`,
      `/svc/reports/api/%2f%2f${evilHost}/x`,
      `/svc/reports/api/%5c%5c${evilHost}/x`,
      `/svc/reports/metrics`,
      `/svc/indicators/health/ready`,
      `/svc/notifications/docs/openapi.json`,
      `/svc/exports`,
      `http://${evilHost}/svc/reports/api/v1/forms/20`,
    ];
    const before = upstreamSeen.length;
    const answers = [];
    for (const path of hostile) answers.push({ path, ...(await rawPath(path)) });
    expect(evilSeen).toEqual([]);
    expect(upstreamSeen.slice(before)).toEqual([]);
    for (const answer of answers) {
      expect({ path: answer.path, refused: [400, 404].includes(answer.status), type: answer.type }).toEqual({ path: answer.path, refused: true, type: 'application/problem+json; charset=utf-8' });
    }
  });

  it('does not forward TRACE', async () => {
    const answer = await rawPath('/svc/reports/api/v1/forms/20', 'TRACE');
    expect(answer.status).toBe(405);
    expect(upstreamSeen.at(-1)).not.toBe('/api/v1/forms/20');
  });
});
