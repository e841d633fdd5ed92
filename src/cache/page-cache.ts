/**
 * The page cache: the app's first middleware. An anonymous GET or HEAD of a public page is
 * answered straight from memory (no router, no compression middleware, no database); a miss
 * runs the app as usual, catches what it sends, and keeps it when it may. See
 * docs/decisions/009-page-cache.md.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Db } from '../db.js';
import { SESSION_COOKIE } from '../auth/session.js';
import { contentChangesOf, type ContentChanges } from './content-changes.js';
import type { CachePolicy } from './http.js';
import { nextVisibilityChange } from './next-change.js';
import { buildPage, conditionsOf, encodeBody, sendPage, type Conditions } from './page.js';
import { PageStore } from './page-store.js';

export interface PageCacheOptions {
  /** Memory for cached pages, bytes (default 64 MB). */
  maxBytes?: number;
  policy?: CachePolicy;
  /**
   * Headers that depend on the request rather than the page (HSTS, sent only over HTTPS): never
   * stored, added to every page sent from memory.
   */
  requestHeaders?: (req: IncomingMessage) => OutgoingHttpHeaders;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** Paths that are never cached: the admin, the health check, uploads. */
const NEVER = /^\/(?:admin|healthz)(?:\/|$)|^\/media\/./;
/** A last path segment with a dot is a static file, unless it is one of the site's own XML or text answers. */
const FILE = /\.[^/]*$/;
const RENDERED_FILE = /\.xml$|^\/robots\.txt$/;
const CACHEABLE_STATUS = new Set([200, 301, 404, 410]);
/** Headers the cache sets itself when it sends a page. */
const OWN_HEADERS = ['content-length', 'content-encoding', 'etag', 'last-modified', 'cache-control', 'vary', 'x-cache'];
/** Headers that belong to the request, not the page (see PageCacheOptions.requestHeaders): never stored. */
const PER_REQUEST_HEADERS = ['strict-transport-security'];

type Kind = 'pass' | 'private' | 'public';

function classify(req: IncomingMessage): Kind {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'pass';
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (NEVER.test(path) || (FILE.test(path) && !RENDERED_FILE.test(path))) return 'pass';
  if (req.headers.cookie?.includes(`${SESSION_COOKIE}=`) || req.headers.authorization) return 'private';
  return 'public';
}

/**
 * The key of a URL. The query is ignored on paths ending in `/` (no such page reads it, and
 * shared links carry tracking parameters) except on /search/, where it is the page; elsewhere
 * (feeds, redirects of paths without the slash, which keep the query) it is part of the key.
 */
export function cacheKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const path = url.slice(0, q);
  return path.endsWith('/') && path !== '/search/' ? path : url;
}

function cacheableResponse(res: ServerResponse): boolean {
  if (!CACHEABLE_STATUS.has(res.statusCode)) return false;
  if (res.hasHeader('set-cookie') || res.hasHeader('content-encoding')) return false;
  if (/no-store|private/i.test(String(res.getHeader('cache-control') ?? ''))) return false;
  const vary = String(res.getHeader('vary') ?? '').toLowerCase().split(/\s*,\s*/).filter(Boolean);
  return vary.every((v) => v === 'accept-encoding');
}

function replayedHeaders(res: ServerResponse): OutgoingHttpHeaders {
  const headers = res.getHeaders();
  for (const name of [...OWN_HEADERS, ...PER_REQUEST_HEADERS]) delete headers[name];
  // The app's own Vary (Express's redirects vary on Accept) is kept; sendPage adds Accept-Encoding.
  const vary = String(res.getHeader('vary') ?? '')
    .split(/\s*,\s*/)
    .filter((v) => v && v.toLowerCase() !== 'accept-encoding');
  if (vary.length > 0) headers.vary = vary.join(', ');
  return headers;
}

const callbackIn = (args: unknown[]) => args.find((a) => typeof a === 'function') as (() => void) | undefined;

function toBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  return chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
}

/**
 * Runs the app for a page not in memory and catches what it writes: the app renders plainly (no
 * compression, no 304, a body even for HEAD — the headers that would change that are put aside)
 * and this module sends the result, keeping it when it may.
 */
function renderAndKeep(
  store: PageStore,
  key: string,
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
  settled: () => void,
) {
  const conditions = conditionsOf(req.headers, req.method ?? 'GET');
  const startedIn = store.generation;
  delete req.headers['accept-encoding'];
  delete req.headers['if-none-match'];
  delete req.headers['if-modified-since'];
  if (req.method === 'HEAD') req.method = 'GET';

  const { writeHead, write, end } = res;
  const chunks: Buffer[] = [];
  res.writeHead = function (status: number, ...rest: unknown[]) {
    res.statusCode = status;
    const headers = rest.find((r) => typeof r === 'object' && r !== null);
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) res.setHeader(k, v as string);
    }
    return res;
  } as ServerResponse['writeHead'];
  res.write = function (chunk: unknown, ...rest: unknown[]) {
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    const callback = callbackIn(rest);
    if (callback) process.nextTick(callback);
    return true;
  } as ServerResponse['write'];
  res.end = function (...args: unknown[]) {
    const buffer = toBuffer(args[0], args[1]);
    if (buffer) chunks.push(buffer);
    const callback = callbackIn(args);
    if (callback) res.once('finish', callback);
    Object.assign(res, { writeHead, write, end });
    deliver(store, key, res, Buffer.concat(chunks), conditions, startedIn, settled).catch(() => {
      settled();
      if (!res.headersSent) res.writeHead(500).end();
    });
    return res;
  } as ServerResponse['end'];
  next();
}

async function deliver(
  store: PageStore,
  key: string,
  res: ServerResponse,
  body: Buffer,
  conditions: Conditions,
  startedIn: number,
  settled: () => void,
) {
  if (cacheableResponse(res)) {
    const page = await buildPage(res.statusCode, replayedHeaders(res), body);
    const current = store.put(key, page, startedIn);
    settled();
    return sendPage(res, page, conditions, store.freshness(current), 'MISS');
  }
  // Not for keeping (an error, a cookie, a Vary): sent as the app meant it, compressed all the same.
  settled();
  const contentType = String(res.getHeader('content-type') ?? '');
  const bodies = res.hasHeader('content-encoding') ? { identity: body } : await encodeBody(body, contentType);
  const cacheControl = String(res.getHeader('cache-control') ?? 'no-cache');
  const page = { status: res.statusCode, headers: replayedHeaders(res), hash: null, bodies, bytes: 0 };
  sendPage(res, page, conditions, { cacheControl, lastModified: null, lastModifiedHeader: null }, 'MISS');
}

export interface PageCache {
  /** The app's first middleware: hits, misses (rendered and kept), bypasses. */
  middleware: RequestHandler;
  /**
   * Answers a request from memory before Express sees it, when it can; false means hand it to
   * the app. For the HTTP server's request listener (src/server.ts): a hit then skips Express's
   * own request handling as well.
   */
  serveFromMemory: (req: IncomingMessage, res: ServerResponse) => boolean;
  store: PageStore;
}

/** The page cache for `db`'s content, or null when `db` was not made by createDb (its writes would go unseen). */
export function createPageCache(db: Db, options: PageCacheOptions = {}): PageCache | null {
  const changes: ContentChanges | undefined = contentChangesOf(db);
  if (!changes) return null;
  const store = new PageStore({
    changes,
    nextChange: (after) => nextVisibilityChange(db, after),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    policy: options.policy,
  });

  const hit = (req: IncomingMessage, res: ServerResponse, key: string): boolean => {
    const page = store.get(key);
    if (!page) return false;
    for (const [name, value] of Object.entries(options.requestHeaders?.(req) ?? {})) {
      if (value !== undefined) res.setHeader(name, value);
    }
    sendPage(res, page, conditionsOf(req.headers, req.method ?? 'GET'), store.freshness(true), 'HIT');
    return true;
  };

  // Pages being rendered for the cache, by key: a page everyone asks for at once (a post just shared,
  // a list just emptied from the cache by a publish) is rendered once, and the others wait for it.
  const rendering = new Map<string, Promise<void>>();

  const serve = (req: IncomingMessage, res: ServerResponse, next: () => void, waited = false) => {
    const key = cacheKey(req.url ?? '/');
    if (hit(req, res, key)) return;
    const pending = waited ? undefined : rendering.get(key);
    if (pending) {
      // Not kept after all (an error page, a write in between)? Then this request renders its own.
      void pending.then(() => serve(req, res, next, true));
      return;
    }
    let settle = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    const settled = () => {
      if (rendering.get(key) === done) rendering.delete(key);
      settle();
    };
    if (!waited) rendering.set(key, done);
    res.once('close', settled);
    renderAndKeep(store, key, req, res, next, settled);
  };

  const serveFromMemory = (req: IncomingMessage, res: ServerResponse): boolean =>
    classify(req) === 'public' && !store.pollDue(Date.now(), false) && hit(req, res, cacheKey(req.url ?? '/'));

  const middleware: RequestHandler = (req, res, next) => {
    const kind = classify(req);
    if (kind === 'pass') return next();
    if (kind === 'private') {
      // Signed in: always a fresh page, which no cache on the way may keep or share.
      res.setHeader('Cache-Control', 'private, no-cache');
      res.setHeader('X-Cache', 'BYPASS');
      return next();
    }
    if (store.pollDue(Date.now())) {
      changes.pollOtherProcesses().then(() => serve(req, res, next), next);
      return;
    }
    serve(req, res, next);
  };
  return { middleware, serveFromMemory, store };
}
