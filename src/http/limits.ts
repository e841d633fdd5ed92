/**
 * Limits on what a client may send, and how slowly: a URL length limit (414) for the app, the
 * sizes of admin bodies (413, read by src/http/bodies.ts; uploads have UPLOAD_MAX_MB), and
 * timeouts for the HTTP server. See docs/decisions/012-security-headers.md and
 * docs/decisions/024-sign-in-without-a-stored-session.md.
 */
import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import { asset } from '../assets.js';

/**
 * Longest request target accepted, in bytes as sent. Every URL Byline makes fits with room to
 * spare: a 200-character slug or search query is at most 2,400 bytes even when each character
 * is a percent-encoded 4-byte one.
 */
export const MAX_URL_BYTES = 4096;

/**
 * A form from someone not signed in: sign-in, its code step, a set-password link. The sign-in
 * form filled to its fields' limits in 3-byte characters (each sent as `%XX%XX%XX`): an email of
 * 254 (2.3 KB), a password of 1,000 (9 KB) and `next`, which came in a URL of at most
 * MAX_URL_BYTES (4 KB), is 15.5 KB. Anything bigger is refused unread.
 */
export const ANONYMOUS_FORM_BYTES = 16 * 1024;
/**
 * Fields: the sign-in form has four, but a signed-in form posted after its session ended (the
 * editor's has 11) must still reach the CSRF and sign-in checks, which answer it.
 */
export const ANONYMOUS_FORM_FIELDS = 20;
/** The admin paths (under /admin) whose forms a visitor may send. */
export const VISITOR_FORM_PATHS = /^\/(?:login|login\/two-factor|logout|set-password\/[^/]+)$/;

/** Any other admin form (settings, users, account…): a few fields of up to 1,000 characters. */
export const SIGNED_IN_FORM_BYTES = 64 * 1024;
/** The editor has 11 fields and the settings form 12. */
export const SIGNED_IN_FORM_FIELDS = 50;

/**
 * The editor's save (and the conflict page's, which posts to the same address): the whole text of
 * a post. 2 MB holds a million characters of Markdown in English (~1.3 bytes each once
 * URL-encoded) but only ~230,000 in a script of 3-byte characters (9 bytes each). The preview's
 * JSON carries the same text. Parsing one costs up to ~4× its size in heap for a moment; see
 * LARGE_BODIES for how many at once.
 */
export const EDITOR_FORM_BYTES = 2 * 1024 * 1024;
export const PREVIEW_JSON_BYTES = EDITOR_FORM_BYTES;
/** The admin paths (under /admin) where a signed-in user may post EDITOR_FORM_BYTES. */
export const EDITOR_FORM_PATHS = /^\/(?:posts|pages)\/(?:new|[^/]+\/edit)$/;

/**
 * Bodies above SIGNED_IN_FORM_BYTES (or of unknown length where a big one is allowed) are read
 * two at a time; sixteen more wait with their bodies unread in the socket (a wait costs a socket,
 * not memory), and beyond that the answer is 503 with Retry-After. One user may have eight going
 * at once (an editor saving from several tabs), so no one user fills the queue: a ninth is 429.
 */
export const LARGE_BODIES = { concurrency: 2, maxQueue: 16, maxPerUser: 8, retryAfterSeconds: 5 };

const tooLongPage = () => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Address too long</title>
<link rel="stylesheet" href="${asset('css/site.css')}">
</head>
<body class="list">
<main class="main" id="main">
<div class="not-found">
  <h1><span class="not-found-code">414</span> <span class="not-found-text">That address is too long</span></h1>
  <p><a class="button-link" href="/">Go to the home page</a></p>
</div>
</main>
</body>
</html>
`;

/**
 * Answers 414 to a request whose URL is longer than MAX_URL_BYTES, before the router or the
 * database see it. The page is fixed text: nothing of the URL is echoed. (The page cache in front
 * never keeps a 414; it may still answer a cached page whose ignored query is long.)
 */
export const urlLengthLimit: RequestHandler = (req, res, next) => {
  if (Buffer.byteLength(req.originalUrl) <= MAX_URL_BYTES) return next();
  res.status(414).set('Cache-Control', 'no-store').type('html').send(tooLongPage());
};

export interface ServerLimits {
  /** A client has this long to send its request headers (slow-headers attacks), ms. */
  headersTimeout: number;
  /** …and this long for the whole request, body included (an upload of UPLOAD_MAX_MB), ms. */
  requestTimeout: number;
  /**
   * An idle kept-alive connection is closed after this long, ms. Longer than the 60 s idle timeout
   * of common proxies and load balancers, so the proxy closes first and never sends a request on a
   * connection Byline is closing (a 502 for the reader).
   */
  keepAliveTimeout: number;
  /** How often Node checks the two request timeouts, ms (its default, 30 s, would let them overrun by that much). */
  connectionsCheckingInterval: number;
  /** Headers read per request; browsers send about twenty. */
  maxHeadersCount: number;
}

export const SERVER_LIMITS: ServerLimits = {
  headersTimeout: 20_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 65_000,
  connectionsCheckingInterval: 5_000,
  maxHeadersCount: 100,
};

/**
 * Sets the timeouts and header limits of Byline's HTTP server. Call it before `server.listen()`:
 * the timeout checks are scheduled when the server starts listening.
 */
export function applyServerLimits(server: Server, overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...SERVER_LIMITS, ...overrides };
  server.headersTimeout = limits.headersTimeout;
  server.requestTimeout = limits.requestTimeout;
  server.keepAliveTimeout = limits.keepAliveTimeout;
  server.maxHeadersCount = limits.maxHeadersCount;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    limits.connectionsCheckingInterval;
  return limits;
}
