/** A response as the page cache holds it, and how it is built and sent. */
import crypto from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { etagFor, negotiateEncoding, noneMatchHits, type Encoding } from './http.js';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

export interface CachedPage {
  status: number;
  /** The application's own headers (Content-Type, Location …), replayed as they were. */
  headers: OutgoingHttpHeaders;
  /** Hash of the uncompressed body: the ETag's opaque part (null: a response sent without validators). */
  hash: string | null;
  bodies: { identity: Buffer; gzip?: Buffer; br?: Buffer };
  /** Roughly what the page costs in memory, for the LRU's bound. */
  bytes: number;
}

const COMPRESSIBLE = /^(text\/|application\/(?:[\w.+-]*\+)?(?:xml|json|javascript)\b)/i;
/** Below this a compressed body saves less than its header costs. */
const MIN_COMPRESS = 256;

/** Compresses `body` with gzip and brotli (in the thread pool), keeping only codings that are smaller. */
export async function encodeBody(body: Buffer, contentType: string, only?: Encoding): Promise<CachedPage['bodies']> {
  const bodies: CachedPage['bodies'] = { identity: body };
  if (body.length < MIN_COMPRESS || !COMPRESSIBLE.test(contentType) || only === 'identity') return bodies;
  const [gz, br] = await Promise.all([
    only === 'br' ? undefined : gzip(body, { level: 6 }),
    only === 'gzip'
      ? undefined
      : brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            // Quality 5 compresses about as well as gzip -9 at gzip's speed; 11 would take seconds on a big sitemap.
            [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
  ]);
  if (gz && gz.length < body.length) bodies.gzip = gz;
  if (br && br.length < body.length) bodies.br = br;
  return bodies;
}

export async function buildPage(status: number, headers: OutgoingHttpHeaders, body: Buffer): Promise<CachedPage> {
  const bodies = await encodeBody(body, String(headers['content-type'] ?? ''));
  const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32);
  const headerBytes = JSON.stringify(headers).length;
  const bytes = body.length + (bodies.gzip?.length ?? 0) + (bodies.br?.length ?? 0) + headerBytes + 256;
  return { status, headers, hash, bodies, bytes };
}

/** What the request asked for, read before the application saw (and lost) those headers. */
export interface Conditions {
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  head: boolean;
}

export function conditionsOf(headers: { [k: string]: string | string[] | undefined }, method: string): Conditions {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
  return {
    acceptEncoding: one(headers['accept-encoding']),
    ifNoneMatch: one(headers['if-none-match']),
    ifModifiedSince: one(headers['if-modified-since']),
    head: method === 'HEAD',
  };
}

/** Freshness of what is sent: Cache-Control, and Last-Modified when it may be given. */
export interface Freshness {
  cacheControl: string;
  /** ms, or null when this response must carry no Last-Modified (nor answer If-Modified-Since). */
  lastModified: number | null;
  lastModifiedHeader: string | null;
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only otherwise. */
function notModified(hash: string, c: Conditions, f: Freshness): boolean {
  if (c.ifNoneMatch !== undefined) return noneMatchHits(c.ifNoneMatch, hash);
  if (c.ifModifiedSince === undefined || f.lastModified === null) return false;
  const since = Date.parse(c.ifModifiedSince);
  return !Number.isNaN(since) && since >= f.lastModified;
}

/** Writes `page` in the coding the client takes best, or a 304 when its copy is current. */
export function sendPage(res: ServerResponse, page: CachedPage, c: Conditions, f: Freshness, xCache: string): void {
  let encoding = negotiateEncoding(c.acceptEncoding);
  if (!page.bodies[encoding]) encoding = encoding === 'br' && page.bodies.gzip ? 'gzip' : 'identity';
  const vary = page.headers.vary ? `${String(page.headers.vary)}, Accept-Encoding` : 'Accept-Encoding';
  const common: OutgoingHttpHeaders = { 'cache-control': f.cacheControl, vary, 'x-cache': xCache };
  if (page.status === 200 && page.hash !== null) {
    common.etag = etagFor(page.hash, encoding);
    if (f.lastModifiedHeader) common['last-modified'] = f.lastModifiedHeader;
    if (notModified(page.hash, c, f)) {
      res.writeHead(304, common);
      res.end();
      return;
    }
  }
  const body = page.bodies[encoding] ?? page.bodies.identity;
  const headers: OutgoingHttpHeaders = { ...page.headers, ...common, 'content-length': body.length };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  res.writeHead(page.status, headers);
  if (c.head) res.end();
  else res.end(body);
}
