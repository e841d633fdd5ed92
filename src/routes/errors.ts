import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../http-error.js';
import { BusyError } from '../work/admission.js';

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).render('errors/404');
};

/**
 * The last handler: a page for the reader, the details in the log, never a stack trace out.
 * A 5xx error goes on the request's log line (pino-http reads `res.err`, see
 * src/http/request-log.ts) with its request id, which the page shows as "Reference: …" so the
 * reader can quote it; `log`, when given, is told of it too (tests collect them).
 */
export function errorHandler(log?: (err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = err instanceof HttpError ? err.status : Number(err?.status ?? err?.statusCode) || 500;
    const safe = status >= 400 && status < 600 ? status : 500;
    if (safe >= 500) {
      (res as { err?: unknown }).err = err;
      log?.(err);
    }
    const message =
      err instanceof HttpError && err.expose
        ? err.message
        : safe < 500
          ? 'Bad request'
          : 'Something went wrong';
    if (res.headersSent) return;
    if (err instanceof BusyError) res.set('Retry-After', String(err.retryAfterSeconds));
    res.status(safe);
    const view = safe === 404 ? 'errors/404' : 'errors/error';
    const reference = safe >= 500 && typeof req.id === 'string' ? req.id : null;
    res.render(view, { status: safe, message, reference }, (renderErr, html) => {
      if (renderErr)
        res.type('text/plain').send(`${safe} ${message}\n${reference ? `Reference: ${reference}\n` : ''}`);
      else res.send(html);
    });
  };
}
