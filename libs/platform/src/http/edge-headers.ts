import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { CORRELATION_HEADER } from '../logging/correlation';

/**
 * Security headers on every answer (helmet) and, when origins are configured, CORS for exactly
 * those origins. Registered before any other onRequest hook, so answers sent early (cached read
 * views, preflights, refusals) carry them too.
 *
 * Two policies. The API's answers are JSON that no browser should render or run anything from:
 * `default-src 'none'` (OWASP's REST advice), which is also a few hundred bytes shorter on every
 * answer than a page's policy (cached reads are dominated by the bytes written). The OpenAPI page
 * at /docs (Swagger UI: its own scripts, inline styles, data: images) gets the policy a page
 * needs. Nothing may frame either, and no `upgrade-insecure-requests`, which would break /docs on
 * the plain-HTTP addresses inside a cluster.
 */
export async function installEdgeHeaders(app: NestFastifyApplication, corsOrigins: readonly string[]): Promise<void> {
  // The policies have no per-request part (no nonces): helmet works them out once, and every
  // answer gets the same headers from one hook. Helmet on every request cost about half of a
  // cached read's throughput (npm run bench, reads).
  const { api, docs } = await edgeHeaderSets();
  app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
    reply.headers(isDocsPath(request.url) ? docs : api);
    done();
  });
  // No origins: no CORS headers at all, so browsers keep the same-origin rule (the dashboard
  // reaches the services through its own server).
  if (corsOrigins.length === 0) return;
  await app.register(cors, {
    origin: [...corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'idempotency-key', 'if-none-match', CORRELATION_HEADER],
    exposedHeaders: ['etag', 'location', 'content-disposition', CORRELATION_HEADER],
    // Credentials travel in headers (Bearer, X-API-Key), never in cookies.
    credentials: false,
    maxAge: 600,
  });
}

/** The OpenAPI page and what it loads (Swagger UI's scripts and styles) live under /docs. */
export function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}

/** A JSON answer renders nothing and loads nothing. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const PAGE_HELMET_OPTIONS = {
  global: true,
  contentSecurityPolicy: { useDefaults: true, directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
  frameguard: { action: 'deny' as const },
};

/** The headers for API answers and for the OpenAPI page, worked out once. */
export async function edgeHeaderSets(): Promise<{ api: Record<string, string>; docs: Record<string, string> }> {
  const docs = await helmetHeaders();
  return { docs, api: { ...docs, 'content-security-policy': API_CONTENT_SECURITY_POLICY } };
}

/** The headers helmet sets with the page's options, read once from a throwaway server. */
export async function helmetHeaders(): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(helmet, PAGE_HELMET_OPTIONS);
    probe.get('/', async () => 'ok');
    const answer = await probe.inject({ method: 'GET', url: '/' });
    const own = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
    return Object.fromEntries(Object.entries(answer.headers).filter(([name, value]) => !own.has(name) && value !== undefined).map(([name, value]) => [name, String(value)]));
  } finally {
    await probe.close();
  }
}
