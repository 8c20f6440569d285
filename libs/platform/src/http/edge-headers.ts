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
 * The policy suits a JSON API and its OpenAPI page at /docs (Swagger UI: its own scripts, inline
 * styles, data: images): nothing may frame it, and no `upgrade-insecure-requests`, which would
 * break /docs on the plain-HTTP addresses inside a cluster.
 */
export async function installEdgeHeaders(app: NestFastifyApplication, corsOrigins: readonly string[]): Promise<void> {
  // The policy has no per-request part (no nonces): helmet works it out once, and every answer gets
  // the same headers from one hook. Helmet on every request cost about half of a cached read's
  // throughput (npm run bench, reads).
  const headers = await helmetHeaders();
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
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

const HELMET_OPTIONS = {
  global: true,
  contentSecurityPolicy: { useDefaults: true, directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
  frameguard: { action: 'deny' as const },
};

/** The headers helmet sets with these options, read once from a throwaway server. */
export async function helmetHeaders(): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    await probe.register(helmet, HELMET_OPTIONS);
    probe.get('/', async () => 'ok');
    const answer = await probe.inject({ method: 'GET', url: '/' });
    const own = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
    return Object.fromEntries(Object.entries(answer.headers).filter(([name, value]) => !own.has(name) && value !== undefined).map(([name, value]) => [name, String(value)]));
  } finally {
    await probe.close();
  }
}
