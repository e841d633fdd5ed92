import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Multipart bodies are read only by the route that takes the upload (multer), after this
 * middleware has run, so their `_csrf` field is not there yet. For these routes alone, and only
 * for multipart requests, the check is deferred: the route must call `isCsrfValid` right after
 * parsing (and refuse with 403). Any other multipart request is checked here, and refused.
 */
const DEFERRED_MULTIPART = new Set(['POST /admin/media']);
const isDeferred = (req: Request) =>
  DEFERRED_MULTIPART.has(`${req.method} ${req.baseUrl}${req.path}`) && Boolean(req.is('multipart/form-data'));

/**
 * Synchronizer-token CSRF protection (csrf-sync): the token lives in the session and comes back
 * in the hidden `_csrf` field of every form, or the X-CSRF-Token header from scripts.
 */
const csrf = csrfSync({
  skipCsrfProtection: isDeferred,
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

/** The deferred check for the multipart routes above: true when the parsed body or header carries the token. */
export const isCsrfValid = (req: Request): boolean => csrf.isRequestValid(req);

/** The error a deferred check passes to `next` so it is rendered like any other CSRF refusal. */
export const csrfError = () => csrf.invalidCsrfTokenError;

export const isCsrfError = (err: unknown) => err === csrf.invalidCsrfTokenError;

/** Renders the 403 page for a bad token (the error handler does the rest). */
export const csrfErrorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (!isCsrfError(err)) return next(err);
  res.status(403).render('errors/error', { status: 403, message: err.message });
};
