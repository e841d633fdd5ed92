import type { ErrorRequestHandler, RequestHandler } from 'express';
import { HttpError } from '../http-error.js';

export const notFoundHandler: RequestHandler = (_req, res) => {
  res.status(404).render('errors/404');
};

/** The last handler: a page for the reader, the details in the log, never a stack trace out. */
export function errorHandler(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const status = err instanceof HttpError ? err.status : Number(err?.status ?? err?.statusCode) || 500;
    const safe = status >= 400 && status < 600 ? status : 500;
    if (safe >= 500) log(err);
    const message =
      err instanceof HttpError && err.expose ? err.message : safe < 500 ? 'Bad request' : 'Something went wrong';
    if (res.headersSent) return;
    res.status(safe);
    const view = safe === 404 ? 'errors/404' : 'errors/error';
    res.render(view, { status: safe, message }, (renderErr, html) => {
      if (renderErr) res.type('text/plain').send(`${safe} ${message}\n`);
      else res.send(html);
    });
  };
}
