/**
 * One log line per request (pino-http): method, path, status, time taken, the request id, the
 * client address and, when signed in, the user's id. Never headers (cookies, CSRF tokens), never
 * bodies (passwords), and URLs with their tokens taken out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { serializeError, type Logger } from '../log.js';
import { assignRequestId } from './request-id.js';

export const REDACTED = '[redacted]';
/** Query parameters whose values are never logged. */
const SECRET_PARAM = /token|code|password|secret|key|sig|auth|session|csrf/i;
/** Path segments that are credentials: the set-password link's token. */
const SECRET_SEGMENT = /(\/set-password\/)[^/?#]+/gi;
const SECRET_PATH = /\/set-password\//i;
const MAX_URL = 1000;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // compared as sent
  }
}

/** The URL as it may be logged: tokens in the path and secret-looking query values replaced. */
export function loggableUrl(raw: string): string {
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(SECRET_SEGMENT, `$1${REDACTED}`);
  if (q < 0) return path.slice(0, MAX_URL);
  const query = raw
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decoded(pair.slice(0, eq));
      const value = decoded(pair.slice(eq + 1));
      // A value may be a URL itself (?next=/admin/set-password/…).
      return SECRET_PARAM.test(name) || SECRET_PATH.test(value) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`.slice(0, MAX_URL);
}

function serializeRequest(req: IncomingMessage) {
  const express = req as Partial<Request>;
  return { method: req.method, url: loggableUrl(express.originalUrl ?? req.url ?? '/'), ip: express.ip };
}

const serializeResponse = (res: ServerResponse) => ({ statusCode: res.statusCode });

/** The line's own fields besides req, res and ms: the request id, and the user's id when signed in. */
function withIds(req: IncomingMessage, fields: object) {
  const user = (req as Partial<Request>).user;
  return { reqId: (req as { id?: unknown }).id, ...(user ? { userId: user.id } : {}), ...fields };
}

/**
 * The request-logging middleware; also gives every request its id (src/http/request-id.ts).
 * Written for cost: pino-http's `quietReqLogger` and `customProps` make a child of its own child
 * logger on every request, about 12 µs here; adding the ids to the line itself costs next to
 * nothing (the whole middleware: ~5 µs a request, ~7 µs with the line written).
 */
export function requestLog(logger: Logger): RequestHandler {
  const log = pinoHttp({
    logger,
    genReqId: assignRequestId,
    customAttributeKeys: { responseTime: 'ms' },
    wrapSerializers: false,
    serializers: { req: serializeRequest, res: serializeResponse, err: serializeError },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    // Read as the response ends, once sign-in has put the user on the request. An id, never an email.
    customSuccessObject: (req, _res, fields: object) => withIds(req, fields),
    customErrorObject: (req, _res, _err, fields: object) => withIds(req, fields),
  });
  return (req, res, next) => {
    log(req, res);
    // Lines a handler writes with req.log carry the request id too.
    req.log = res.log = logger.child({ reqId: req.id });
    next();
  };
}

/**
 * For src/server.ts: a line for a page sent from memory before Express (the page cache's fast
 * path), or null when LOG_LEVEL is above debug. Such hits cost ~30 µs of CPU; a line adds 6–8 µs,
 * and even the request id header (a wrapped writeHead) cost a measurable share of the fast path's
 * throughput, so at the default level these hits have neither (docs/decisions/014-audit-log-and-logs.md).
 */
export function cachedHitLog(logger: Logger): ((req: IncomingMessage, res: ServerResponse) => void) | null {
  if (!logger.isLevelEnabled('debug')) return null;
  return (req, res) =>
    logger.debug(
      {
        reqId: (req as { id?: unknown }).id,
        req: { method: req.method, url: loggableUrl(req.url ?? '/'), ip: req.socket.remoteAddress },
        res: { statusCode: res.statusCode },
        cache: 'hit',
      },
      'request completed',
    );
}
