import etag from 'etag';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The opaque part of an entity tag, so weak and strong tags compare equal (weak comparison, RFC 9110 §8.8.3.2). */
function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** Whether If-None-Match names the current tag: `*`, or a list of tags one of which matches weakly (§13.1.2). */
export function noneMatchNames(header: string | string[] | undefined, current: string): boolean {
  if (header === undefined) return false;
  const wanted = opaqueTag(current);
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim());
  return tags.some((tag) => tag === '*' || opaqueTag(tag) === wanted);
}

/**
 * Validators for the public GET routes: every successful answer carries an
 * ETag of its exact bytes, and a request whose If-None-Match names it gets
 * 304 Not Modified with no body (RFC 9110 §13.1.2, §15.4.5). Owncast pages and
 * FastAPI clients poll /api/status and /api/config; once the answer is stale
 * by its Cache-Control they revalidate, and an unchanged answer then costs
 * them no body.
 *
 * The tag is `etag`'s (the package Express uses). The comparison is here, not
 * @fastify/etag's: that plugin also answers 304 to error responses (a 404 of
 * /api/yp would become "not modified") and compares If-None-Match as one
 * whole string, so a list of tags or `*` never matches. Nor `fresh`'s (Express):
 * it ignores If-None-Match when the request says `Cache-Control: no-cache`,
 * and fetch() adds exactly that to every request that sets If-None-Match
 * itself, so a page or a Node client revalidating by hand would never get a
 * 304. That directive tells caches to ask the origin, and this is the origin
 * answering. Only 2xx answers get a tag or a 304 (§13.2.1). The answer is
 * still computed on every request: the tag is of what the data says now, so
 * changed data gives a new tag and a 200.
 */
export async function answerConditionalGet(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 200 || reply.statusCode >= 300) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const tag = etag(payload);
  reply.header('etag', tag);
  if (!noneMatchNames(request.headers['if-none-match'], tag)) return payload;
  reply.code(304);
  // A 304 describes the stored answer: its validators and caching rules stay, its body and body headers go.
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  return '';
}
