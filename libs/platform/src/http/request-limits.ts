import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Problem, refusal } from '../errors/problem';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { jsonDepthExceeds } from './json-depth';

/** Every request body, unless its route says otherwise: far above any form or report, far below harm. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Files (.xlsx, CSV) and bulk imports (DHIS2 data value sets, report batches, the units list). */
export const BULK_BODY_LIMIT = 10 * 1024 * 1024;
/** The deepest legitimate body (a form's sections) nests under ten; anything near 3,000 is an attack. */
export const MAX_JSON_DEPTH = 32;

interface BodyLimitConfig {
  bodyLimit?: number;
}

/**
 * A route's own body limit in bytes, above the default, for the routes that really take files or
 * bulk imports; applied by the onRoute hook installed by createService.
 */
export const BodyLimit = (bytes: number) => applyDecorators(RouteConfig({ bodyLimit: bytes } satisfies BodyLimitConfig), ApiProblemResponses(413));

/**
 * Installs the limits that run before validation: each route's body limit (`@BodyLimit`, else the
 * server's), and a JSON parser that refuses a body nested deeper than MAX_JSON_DEPTH with 400
 * before it is parsed, so that nothing downstream recurses into it. Call before Nest registers
 * its routes and with Nest's own body parsers turned off (`bodyParser: false`).
 */
export function installRequestLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const own = (route.config as BodyLimitConfig | undefined)?.bodyLimit;
    if (typeof own === 'number') route.bodyLimit = own;
  });
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(refusal(400, 'invalid-json', 'the body is empty but its Content-Type says JSON', 'thân yêu cầu trống nhưng Content-Type là JSON'), undefined);
    if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
      return done(refusal(400, 'json-too-deep', `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, `thân JSON lồng nhau sâu hơn ${MAX_JSON_DEPTH} cấp`), undefined);
    }
    parse(request, text, (error, value) =>
      error ? done(refusal(400, 'invalid-json', 'the body is not valid JSON', 'thân yêu cầu không phải JSON hợp lệ'), undefined) : done(null, value),
    );
  });
}

/** The answer to a body over its route's limit (Fastify stops reading it at the limit). */
export function bodyTooLarge(limit: number | undefined): Problem {
  const size = limit === undefined ? undefined : `${+(limit / (1024 * 1024)).toFixed(2)} MB`;
  return refusal(
    413,
    'body-too-large',
    size ? `the body is larger than this endpoint accepts (${size})` : 'the body is larger than this endpoint accepts',
    size ? `thân yêu cầu vượt quá dung lượng cho phép của địa chỉ này (${size.replace('.', ',')})` : 'thân yêu cầu vượt quá dung lượng cho phép của địa chỉ này',
  ).problem;
}
