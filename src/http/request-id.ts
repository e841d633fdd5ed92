/**
 * A request id for every request: the one a proxy in front sent in X-Request-Id when it is a
 * short plain token, else a new UUID. It goes on every log line of the request, on the error
 * page of a 500 ("Reference: …"), and back to the client in the X-Request-Id header.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Anything else a client sends (spaces, quotes, newlines, a kilobyte of text) is replaced. */
const ACCEPTABLE = /^[A-Za-z0-9._-]{1,64}$/;

export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === 'string' && ACCEPTABLE.test(value);
}

/** The id the request came with, when acceptable, else a fresh one. */
export function requestIdFor(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return isAcceptableRequestId(sent) ? sent : randomUUID();
}

/**
 * Gives the request its id (once; later calls return the same) and sends it back in the response.
 * The header is added as the head is written, not now: the page cache keeps the headers a page
 * was rendered with and sends them again on later hits, and one request's id must not be
 * replayed to the next reader.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const known = (req as { id?: unknown }).id;
  if (typeof known === 'string') return known;
  const id = requestIdFor(req);
  (req as { id?: unknown }).id = id;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader(REQUEST_ID_HEADER, id);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  return id;
}
