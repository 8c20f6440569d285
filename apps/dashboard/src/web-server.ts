import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { acceptedCodings, Coding } from './accept-encoding';
import { DashboardConfig, ServiceName, upstreamsOf } from './config';
import { upstreamTarget } from './upstream-target';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Headers that belong to one hop, not to the message (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'proxy-connection', 'te', 'trailer']);

// What the page sends; TRACE, CONNECT and the like are nobody's business upstream.
const FORWARDED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

// The build writes these beside each compressible file (tools/build.mjs, precompress); nothing is compressed per request.
const SIBLING: Record<Coding, string> = { br: '.br', gzip: '.gz' };

// Vite's output names: `assets/<name>-<hash>.<ext>`, the hash 8 characters of base64url.
const HASHED_ASSET = /-[\w-]{8}\.(?:js|css)$/;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/**
 * Serves the page and forwards its calls: `/svc/<service>/<path>` goes to that service, so the
 * page has one origin (no CORS to open on the services) and an unreachable service becomes a
 * problem+json the page can show, while the rest keeps working.
 */
export function createWebServer(config: DashboardConfig, log: (entry: Record<string, unknown>) => void): Server {
  const upstreams = upstreamsOf(config);
  const root = path.resolve(config.WEB_ROOT);
  return createServer((request, response) => {
    const started = Date.now();
    response.on('finish', () => log({ msg: 'request', method: request.method, url: request.url, statusCode: response.statusCode, ms: Date.now() - started }));
    const target = request.url ?? '/';
    // Only origin-form (`/path?query`): an absolute or authority form names a host, and this server
    // chooses its hosts itself.
    if (!target.startsWith('/')) return problem(response, 400, 'Invalid request', 'Yêu cầu không hợp lệ', 'the request target must be a path', 'đích của yêu cầu phải là một đường dẫn');
    const upstream = upstreamTarget(target, upstreams);
    if (upstream?.kind === 'refused') {
      const [title, titleVi] = upstream.status === 404 ? ['Not found', 'Không tìm thấy'] : ['Invalid request', 'Yêu cầu không hợp lệ'];
      return problem(response, upstream.status, title, titleVi, upstream.detail, upstream.detailVi, upstream.service);
    }
    const url = new URL(target, 'http://dashboard');
    const task = upstream
      ? forward(request, response, upstream.service, upstream.url, config.UPSTREAM_TIMEOUT_MS)
      : url.pathname === '/health/live' || url.pathname === '/health/ready'
        ? health(response, root)
        : serveStatic(request, response, root, url.pathname);
    task.catch((error: Error) => {
      log({ level: 'error', msg: 'request failed', url: request.url, error: error.message });
      if (!response.headersSent) problem(response, 500, 'Internal error', 'Lỗi hệ thống', error.message);
      else response.destroy();
    });
  });
}

async function forward(request: IncomingMessage, response: ServerResponse, service: ServiceName, target: URL, timeoutMs: number): Promise<void> {
  if (!FORWARDED_METHODS.has(request.method ?? '')) return problem(response, 405, 'Method not allowed', 'Phương thức không được hỗ trợ', `${request.method} is not forwarded`, `phương thức ${request.method} không được chuyển tiếp`, service);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? (Readable.toWeb(request) as ReadableStream) : undefined,
      duplex: 'half',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    } as RequestInit);
  } catch (error) {
    return problem(response, 502, 'Service unavailable', 'Dịch vụ tạm thời không phản hồi', `the ${service} service is not answering (${(error as Error).message})`, `dịch vụ ${SERVICE_VI[service]} không phản hồi`, service);
  }
  const out: Record<string, string> = {};
  upstream.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') out[name] = value;
  });
  response.writeHead(upstream.status, out);
  if (!upstream.body) return void response.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(upstream.body as never).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
  });
}

const SERVICE_VI: Record<ServiceName, string> = { reports: 'báo cáo', indicators: 'chỉ tiêu', notifications: 'thông báo', exports: 'xuất tệp' };

async function health(response: ServerResponse, root: string): Promise<void> {
  const ready = await stat(path.join(root, 'index.html')).then(
    () => true,
    () => false,
  );
  response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: ready ? 'ok' : 'the page has not been built', checks: { web: ready ? 'up' : 'down' } }));
}

async function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, pathname: string): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return problem(response, 405, 'Method not allowed', 'Phương thức không được hỗ trợ', `${request.method} is not served here`);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return problem(response, 400, 'Invalid request', 'Yêu cầu không hợp lệ', 'the path is not valid percent-encoding', 'đường dẫn mã hóa phần trăm không hợp lệ');
  }
  const wanted = path.resolve(root, `.${decoded}`);
  // Nothing outside the built page, whatever the path says.
  const inside = wanted === root || wanted.startsWith(`${root}${path.sep}`);
  const file = inside && (await stat(wanted).catch(() => null))?.isFile() ? wanted : path.join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info) return problem(response, 503, 'Service unavailable', 'Trang chưa được xây dựng', 'the page has not been built (node tools/build.mjs apps/dashboard)');
  // Built assets carry their hash in the name; the page itself is always asked for again.
  const hashed = path.dirname(file) === path.join(root, 'assets') && HASHED_ASSET.test(path.basename(file));
  // The first precompressed sibling the client accepts, else the file as it is.
  let body: { file: string; size: number; coding?: Coding } = { file, size: info.size };
  for (const coding of acceptedCodings(request.headers['accept-encoding'])) {
    const sibling = await stat(file + SIBLING[coding]).catch(() => null);
    if (sibling?.isFile()) {
      body = { file: file + SIBLING[coding], size: sibling.size, coding };
      break;
    }
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(body.size),
    ...(body.coding ? { 'content-encoding': body.coding } : {}),
    vary: 'Accept-Encoding',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') return void response.end();
  await new Promise<void>((resolve, reject) => createReadStream(body.file).on('error', reject).pipe(response).on('finish', resolve));
}

function problem(response: ServerResponse, status: number, title: string, titleVi: string, detail: string, detailVi = detail, service?: ServiceName): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/problem+json; charset=utf-8' });
  response.end(JSON.stringify({ type: `https://dtp.gov.vn/problems/${status === 502 ? 'service-unavailable' : 'dashboard'}`, title, status, detail, vi: { title: titleVi, detail: detailVi }, ...(service ? { service } : {}) }));
}
