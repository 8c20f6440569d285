import { Body, Controller, Module, Post } from '@nestjs/common';
import { MongoNetworkError } from 'mongodb';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { addEarlyReply } from '../http/early-replies';
import { BodyLimit, BULK_BODY_LIMIT, DEFAULT_BODY_LIMIT } from '../http/request-limits';
import { commonEnv } from '../config/common-env';
import { createService } from './bootstrap-service';

class NodeDto {
  @IsString() name!: string;
  @IsOptional() @ValidateNested() @Type(() => NodeDto) child?: NodeDto;
}

const handled: string[] = [];

@Controller('api/v1/things')
class ThingsController {
  @Post()
  create(@Body() body: NodeDto) {
    handled.push('create');
    return { name: body.name };
  }

  @Post('bulk')
  @BodyLimit(BULK_BODY_LIMIT)
  bulk(@Body() body: Buffer | { items: unknown[] }) {
    handled.push('bulk');
    return { bytes: Buffer.isBuffer(body) ? body.length : JSON.stringify(body).length };
  }

  @Post('file')
  file(@Body() body: Buffer) {
    handled.push('file');
    return { bytes: body.length };
  }

  /** What a write meets when the store has gone away mid-request (the driver's own error). */
  @Post('store-away')
  storeAway() {
    throw new MongoNetworkError('connection 7 to 127.0.0.1:27017 closed');
  }
}

@Module({ controllers: [ThingsController] })
class EdgeTestModule {}

const CSV = 'text/csv';
const deep = (levels: number) => `${'{"name":"a","child":'.repeat(levels)}{"name":"z"}${'}'.repeat(levels)}`;

async function start(corsOrigins?: string[]): Promise<NestFastifyApplication> {
  const app = await createService(EdgeTestModule, { name: 'edge-test', title: 'Edge test', description: 'test', binaryBodies: [CSV], corsOrigins }, 'fatal');
  addEarlyReply(app.getHttpAdapter().getInstance(), (request, reply) => {
    if (request.url !== '/cached') return false;
    reply.header('content-type', 'application/json').send('{"cached":true}');
    return true;
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('createService: the edge every service shares', () => {
  let app: NestFastifyApplication;
  const inject = (options: InjectOptions) => app.getHttpAdapter().getInstance().inject(options);

  beforeAll(async () => {
    app = await start();
  });
  afterAll(() => app.close());
  beforeEach(() => (handled.length = 0));

  describe('security headers', () => {
    it.each([
      ['an answer', { method: 'POST', url: '/api/v1/things', payload: { name: 'x' } }],
      ['a refusal', { method: 'POST', url: '/api/v1/things', payload: { name: 1 } }],
      ['an unknown path', { method: 'GET', url: '/nowhere' }],
      ['an answer sent before the pipeline (a cached view)', { method: 'GET', url: '/cached' }],
    ] as Array<[string, InjectOptions]>)('are on %s', async (_, request) => {
      const answer = await inject(request);
      expect(answer.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      // A JSON answer may load and run nothing.
      expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers['x-powered-by']).toBeUndefined();
    });
  });

  it('keeps the OpenAPI page working under the policy: its own scripts, inline styles', async () => {
    const page = await inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/openapi.json']) {
      expect(String((await inject({ method: 'GET', url: asset })).headers['content-security-policy'])).toContain("script-src 'self'");
    }
    expect((await inject({ method: 'GET', url: '/docs/openapi.json' })).statusCode).toBe(200);
  });

  it('answers a write that lost the store with 503, Retry-After and words in both languages, not 500', async () => {
    const answer = await inject({ method: 'POST', url: '/api/v1/things/store-away' });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/store-unavailable', status: 503, vi: { detail: expect.stringContaining('Idempotency-Key') } });
    expect(answer.body).not.toContain('27017');
  });

  describe('JSON depth', () => {
    it('answers 3,000 levels with 400 problem+json in both languages, before validation or the handler', async () => {
      const answer = await inject({ method: 'POST', url: '/api/v1/things', headers: { 'content-type': 'application/json' }, payload: deep(3000) });
      expect(answer.statusCode).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/json-too-deep', status: 400, vi: { title: 'Yêu cầu không hợp lệ', detail: 'thân JSON lồng nhau sâu hơn 32 cấp' } });
      expect(handled).toEqual([]);
    });

    it('takes a body nested within the limit through validation as before', async () => {
      expect((await inject({ method: 'POST', url: '/api/v1/things', headers: { 'content-type': 'application/json' }, payload: deep(30) })).statusCode).toBe(201);
      const invalid = await inject({ method: 'POST', url: '/api/v1/things', headers: { 'content-type': 'application/json' }, payload: '{"name":"a","child":{"name":2}}' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/validation', errors: [{ field: 'child.name' }] });
    });

    it('answers JSON that does not parse, or an empty JSON body, with 400 in both languages', async () => {
      for (const payload of ['{"name":', '', '{"__proto__":{"x":1}}']) {
        const answer = await inject({ method: 'POST', url: '/api/v1/things', headers: { 'content-type': 'application/json' }, payload });
        expect(answer.statusCode).toBe(400);
        expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/invalid-json', vi: { detail: expect.stringContaining('JSON') } });
      }
      expect(handled).toEqual([]);
    });
  });

  describe('body size', () => {
    const json = (bytes: number) => JSON.stringify({ items: ['x'.repeat(bytes - 14)] });

    it('answers a JSON body over 1 MB with 413 problem+json naming the limit, in both languages', async () => {
      const answer = await inject({ method: 'POST', url: '/api/v1/things', headers: { 'content-type': 'application/json' }, payload: json(DEFAULT_BODY_LIMIT + 1) });
      expect(answer.statusCode).toBe(413);
      expect(answer.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(answer.json()).toMatchObject({ type: 'https://dtp.gov.vn/problems/body-too-large', title: 'Content too large', detail: 'the body is larger than this endpoint accepts (1 MB)', vi: { title: 'Nội dung quá lớn', detail: 'thân yêu cầu vượt quá dung lượng cho phép của địa chỉ này (1 MB)' } });
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(handled).toEqual([]);
    });

    it('answers a file over 1 MB with 413 on a route without a raised limit', async () => {
      const answer = await inject({ method: 'POST', url: '/api/v1/things/file', headers: { 'content-type': CSV }, payload: Buffer.alloc(DEFAULT_BODY_LIMIT + 1, 'a') });
      expect(answer.statusCode).toBe(413);
      expect(handled).toEqual([]);
    });

    it('takes bodies up to 10 MB, JSON or file, where the route raises its limit, and no more', async () => {
      const big = await inject({ method: 'POST', url: '/api/v1/things/bulk', headers: { 'content-type': 'application/json' }, payload: json(5 * 1024 * 1024) });
      expect(big.statusCode).toBe(201);
      const file = await inject({ method: 'POST', url: '/api/v1/things/bulk', headers: { 'content-type': CSV }, payload: Buffer.alloc(BULK_BODY_LIMIT, 'a') });
      expect(file.json()).toEqual({ bytes: BULK_BODY_LIMIT });
      const over = await inject({ method: 'POST', url: '/api/v1/things/bulk', headers: { 'content-type': CSV }, payload: Buffer.alloc(BULK_BODY_LIMIT + 1, 'a') });
      expect(over.statusCode).toBe(413);
      expect(over.json()).toMatchObject({ detail: 'the body is larger than this endpoint accepts (10 MB)' });
    });
  });

  describe('CORS', () => {
    it('sends no CORS headers when no origin is configured (same-origin only)', async () => {
      const answer = await inject({ method: 'POST', url: '/api/v1/things', headers: { origin: 'https://evil.example' }, payload: { name: 'x' } });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await inject({ method: 'OPTIONS', url: '/api/v1/things', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('allows exactly the configured origins', async () => {
      const configured = commonEnv.shape.CORS_ORIGINS.parse('https://bando.langson.gov.vn, http://127.0.0.1:5173');
      const open = await start(configured);
      try {
        const call = (origin: string) => open.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/api/v1/things', headers: { origin }, payload: { name: 'x' } });
        expect((await call('https://bando.langson.gov.vn')).headers['access-control-allow-origin']).toBe('https://bando.langson.gov.vn');
        expect((await call('http://127.0.0.1:5173')).headers['access-control-allow-origin']).toBe('http://127.0.0.1:5173');
        expect((await call('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await open.getHttpAdapter().getInstance().inject({
          method: 'OPTIONS',
          url: '/api/v1/things',
          headers: { origin: 'https://bando.langson.gov.vn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
        expect(preflight.statusCode).toBe(204);
        expect(preflight.headers).toMatchObject({ 'access-control-allow-origin': 'https://bando.langson.gov.vn', 'access-control-allow-headers': expect.stringContaining('authorization') });
        expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      } finally {
        await open.close();
      }
    });

    it.each(['*', 'https://a.example/', 'https://a.example/path', 'ftp://a.example', 'a.example', 'https://a.example,*'])('refuses the origin list %s at start', (value) => {
      expect(commonEnv.shape.CORS_ORIGINS.safeParse(value).success).toBe(false);
    });

    it('reads an empty or absent list as no origin', () => {
      expect(commonEnv.shape.CORS_ORIGINS.parse(undefined)).toEqual([]);
      expect(commonEnv.shape.CORS_ORIGINS.parse(' ')).toEqual([]);
    });
  });
});
