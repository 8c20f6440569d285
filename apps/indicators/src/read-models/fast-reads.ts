import { Injectable, Logger, OnApplicationBootstrap, Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { acceptableCorrelationId, addEarlyReply, CORRELATION_HEADER, ROLES_METADATA, withSerialisedEtag } from '@dtp/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ViewCache } from './view-cache';

/** Which cached view a request asks for, from its raw path parameters and query. */
export type ViewKeyOf = (params: Record<string, string>, query: Record<string, string>) => { provinceCode: string | undefined; key: string } | undefined;

/** An open read whose answer, once cached, is served without Nest's pipeline. */
export interface FastRead {
  controller: Type<unknown>;
  /** The controller method Nest routes the same requests to. */
  handler: string;
  /** The query parameters the route takes; a request with any other goes through Nest (which refuses it). */
  query: readonly string[];
  viewOf: ViewKeyOf;
}

/**
 * Serves a read-model view that is already in memory and current from the first `onRequest`
 * hook (libs/platform early-replies): an ETag check and a write of bytes serialised once. Everything else — the
 * first request for a view, a view whose generation is not known fresh (GENERATION_TTL_MS), a
 * query Nest would refuse, any view that is not there — falls through to the controller, which
 * computes and caches it. The route and its meaning stay defined by the controller; this only
 * skips the per-request work (guards, pipes, interceptors) that an open read of a cached answer
 * does not need. A route that needs a role cannot be registered (checked at start).
 */
@Injectable()
export class FastReads implements OnApplicationBootstrap {
  private readonly logger = new Logger(FastReads.name);
  private readonly routes = new Map<string, FastRead>();
  private served = 0;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly views: ViewCache,
  ) {}

  register(read: FastRead): void {
    this.routes.set(routeOf(read), read);
  }

  /** How many answers the hook gave (for tests and metrics). */
  get count(): number {
    return this.served;
  }

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || this.routes.size === 0) return;
    addEarlyReply(fastify, (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET') return false;
      const read = this.routes.get(request.routeOptions.url ?? '');
      if (!read) return false;
      const query = (request.query ?? {}) as Record<string, unknown>;
      // Only plain, non-empty values of the route's own parameters: anything else is Nest's to judge.
      if (Object.entries(query).some(([name, value]) => !read.query.includes(name) || typeof value !== 'string' || value === '')) return false;
      const wanted = read.viewOf(request.params as Record<string, string>, query as Record<string, string>);
      const view = wanted && this.views.peek(wanted.provinceCode, wanted.key);
      if (!view || view.json === 'null') return false;
      this.served += 1;
      reply.header(CORRELATION_HEADER, acceptableCorrelationId(request.headers[CORRELATION_HEADER]) ?? String(request.id));
      // The bytes encoded once: a cached read's cost is mostly writing them.
      void reply.send(withSerialisedEtag(request, reply, view) === undefined ? undefined : view.bytes);
      return true;
    });
    this.logger.log({ msg: 'fast reads', routes: [...this.routes.keys()] });
  }
}

/** The route as Fastify knows it, from the controller's own metadata; refuses a route that needs a role. */
function routeOf(read: FastRead): string {
  const method = (read.controller.prototype as Record<string, unknown>)[read.handler];
  if (typeof method !== 'function') throw new Error(`FastReads: ${read.controller.name}.${read.handler} is not a method`);
  if (Reflect.getMetadata(METHOD_METADATA, method) !== RequestMethod.GET) throw new Error(`FastReads: ${read.controller.name}.${read.handler} is not a GET route`);
  if (Reflect.getMetadata(ROLES_METADATA, method) ?? Reflect.getMetadata(ROLES_METADATA, read.controller)) {
    throw new Error(`FastReads: ${read.controller.name}.${read.handler} needs a role; only open reads may skip the guards`);
  }
  const parts = [Reflect.getMetadata(PATH_METADATA, read.controller), Reflect.getMetadata(PATH_METADATA, method)] as string[];
  return `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}
