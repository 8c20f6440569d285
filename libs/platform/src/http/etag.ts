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

/**
 * Conditional reads for dashboards: the answer carries an ETag derived from its content, and a
 * request that already holds that version gets 304 with no body.
 */
export function withEtag<T>(request: RequestLike, reply: ReplyLike, body: T): T | undefined {
  const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
  reply.header('etag', etag);
  reply.header('cache-control', 'no-cache');
  const presented = request.headers['if-none-match'];
  const tags = (Array.isArray(presented) ? presented.join(',') : (presented ?? '')).split(',').map((t) => t.trim());
  if (tags.includes(etag) || tags.includes('*')) {
    reply.status(304);
    return undefined;
  }
  return body;
}
