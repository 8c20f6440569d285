import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
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
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: true, directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null } },
    frameguard: { action: 'deny' },
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
