import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A handler that may answer a request before anything else runs (the correlation context, Nest's
 * pipeline): returns true when it sent the reply. For answers already in memory, such as cached
 * read views, so synchronous (a promise per request costs a cached read a few percent); it must
 * set the correlation header itself (createService does it for the others).
 */
export type EarlyReply = (request: FastifyRequest, reply: FastifyReply) => boolean;

const handlers = new WeakMap<FastifyInstance, EarlyReply[]>();

/** Adds a handler to the first hook createService registers (before the server is ready). */
export function addEarlyReply(fastify: FastifyInstance, handler: EarlyReply): void {
  const list = handlers.get(fastify) ?? [];
  list.push(handler);
  handlers.set(fastify, list);
}

export function earlyRepliesOf(fastify: FastifyInstance): readonly EarlyReply[] {
  return handlers.get(fastify) ?? [];
}
