import type { ErrorRequestHandler, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchronizer-token CSRF protection (csrf-sync): the token lives in the session and comes back
 * in the hidden `_csrf` field of every form, or the X-CSRF-Token header from scripts.
 */
const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    const field = body && typeof body._csrf === 'string' ? body._csrf : undefined;
    return field ?? req.get('x-csrf-token');
  },
  errorConfig: { statusCode: 403, message: 'This form has expired or did not come from this site.', code: 'EBADCSRFTOKEN' },
});

/** Refuses state-changing requests without a valid token; makes `csrfToken` available to views. */
export const csrfProtection: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = csrf.generateToken(req);
  csrf.csrfSynchronisedProtection(req, res, next);
};

export const isCsrfError = (err: unknown) => err === csrf.invalidCsrfTokenError;

/** Renders the 403 page for a bad token (the error handler does the rest). */
export const csrfErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (!isCsrfError(err)) return next(err);
  res.status(403).render('errors/error', { status: 403, message: err.message });
};
