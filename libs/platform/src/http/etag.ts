import { createHash } from 'node:crypto';

/** What a conditional read needs of the request (Fastify's or any). */
export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
}

/** What a conditional read needs of the reply. */
export interface ReplyLike {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
}

/** A weak ETag derived from an answer's serialised content. */
export function etagOf(json: string): string {
  return `W/"${createHash('sha1').update(json).digest('base64url')}"`;
}

/**
 * Conditional reads for dashboards: the answer carries an ETag derived from its content, and a
 * request that already holds that version gets 304 with no body.
 */
export function withEtag<T>(request: RequestLike, reply: ReplyLike, body: T): T | undefined {
  return notModified(request, reply, etagOf(JSON.stringify(body))) ? undefined : body;
}

/**
 * The same for an answer already serialised (a cached view): sends the JSON as it is, with no
 * second serialisation or hash per request.
 */
export function withSerialisedEtag(request: RequestLike, reply: ReplyLike, view: { json: string; etag: string }): string | undefined {
  if (notModified(request, reply, view.etag)) return undefined;
  reply.header('content-type', 'application/json; charset=utf-8');
  return view.json;
}

function notModified(request: RequestLike, reply: ReplyLike, etag: string): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  const presented = request.headers['if-none-match'];
  const tags = (Array.isArray(presented) ? presented.join(',') : (presented ?? '')).split(',').map((t) => t.trim());
  if (tags.includes(etag) || tags.includes('*')) {
    reply.status(304);
    return true;
  }
  return false;
}
