/**
 * Limits on what a client may send, and how slowly: a URL length limit (414) for the app, and
 * timeouts for the HTTP server. Body sizes are limited where bodies are read (the admin's
 * parsers, 413; uploads, UPLOAD_MAX_MB). See docs/decisions/012-security-headers.md.
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
