import { DynamicModule, INestApplication, Logger, Type, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { ProblemDto } from '../openapi/problem-responses';
import { validationProblem } from '../errors/validation-problem';
import { acceptableCorrelationId, CORRELATION_HEADER, withCorrelationId } from '../logging/correlation';
import { JsonLogger } from '../logging/json-logger';
import { httpRequests, isRoutineRead } from './access-log';
import { earlyRepliesOf } from '../http/early-replies';
import { installEdgeHeaders } from '../http/edge-headers';
import { DEFAULT_BODY_LIMIT, installRequestLimits } from '../http/request-limits';

export interface ServiceDescription {
  name: string;
  title: string;
  description: string;
  version?: string;
  /** Document the credentials the service accepts: X-API-Key for units, Bearer tokens for officials. */
  credentials?: boolean;
  /**
   * Content types taken as raw bytes (a Buffer body), for file uploads such as .xlsx; the routes
   * that take them raise their limit with `@BodyLimit(BULK_BODY_LIMIT)`.
   */
  binaryBodies?: string[];
  /** Browser origins allowed to call the service (CORS); none by default. */
  corsOrigins?: readonly string[];
}

/**
 * Creates a Nest application on Fastify with what every service shares: JSON logs with a
 * correlation id per request, problem+json errors, validated DTOs, OpenAPI at /docs, and
 * shutdown hooks so SIGTERM finishes in-flight work.
 */
export async function createService(
  module: DynamicModule | Type,
  service: ServiceDescription,
  logLevel: string,
): Promise<NestFastifyApplication> {
  const logger = new JsonLogger(service.name, logLevel);
  const adapter = new FastifyAdapter({ genReqId: () => randomUUID(), bodyLimit: DEFAULT_BODY_LIMIT });
  // Nest's body parsers off: installRequestLimits puts a depth-checking JSON parser in their place.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger, bufferLogs: true, bodyParser: false });

  const fastify = app.getHttpAdapter().getInstance();
  // Before every other hook, so that early answers carry the headers too.
  await installEdgeHeaders(app, service.corsOrigins ?? []);
  installRequestLimits(fastify);
  // First: answers already in memory (early-replies.ts) skip everything after, even the
  // correlation context (a few percent of a cached read).
  fastify.addHook('onRequest', (request, reply, done) => {
    // A hook that replied does not call done (Fastify's way to end the request in a hook).
    for (const early of earlyRepliesOf(fastify)) if (early(request, reply)) return;
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (reply.sent) return done();
    const correlationId = acceptableCorrelationId(request.headers[CORRELATION_HEADER]) ?? String(request.id);
    reply.header(CORRELATION_HEADER, correlationId);
    withCorrelationId(correlationId, done);
  });
  const access = new Logger('Http');
  const debugLogged = logLevel === 'debug' || logLevel === 'trace';
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!request.url.startsWith('/health') && request.url !== '/metrics') {
      const ms = Math.round(reply.elapsedTime);
      httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
      const line = () => ({ msg: 'request', method: request.method, url: request.url, statusCode: reply.statusCode, ms });
      // Every change, refusal, failure and slow answer is a line; a routine read is counted (the
      // metric above) and written only at debug: one line per dashboard read cost a third of the
      // read throughput.
      if (!isRoutineRead(request.method, reply.statusCode, ms)) access.log(line());
      else if (debugLogged) access.debug(line());
    }
    done();
  });

  for (const type of service.binaryBodies ?? []) {
    fastify.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationProblem }),
  );
  // process.exit after the hooks (not the signal re-raised), so that the logger's last buffered
  // lines are flushed on 'exit'.
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  mountOpenApi(app, service);
  return app;
}

export function mountOpenApi(app: INestApplication, service: ServiceDescription): void {
  const config = new DocumentBuilder()
    .setTitle(service.title)
    .setDescription(service.description)
    .setVersion(service.version ?? '0.1.0');
  if (service.credentials) {
    config.addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'A unit system’s API key' }, 'api-key').addBearerAuth();
  }
  const document = SwaggerModule.createDocument(app, config.build(), { extraModels: [ProblemDto] });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}

export async function listen(app: NestFastifyApplication, host: string, port: number, name: string): Promise<void> {
  await app.listen(port, host);
  new Logger('Bootstrap').log(`${name} listening on http://${host}:${port} (OpenAPI: /docs)`);
}
