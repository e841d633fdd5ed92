import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { cookieCsrf } from './csrf-cookie.js';

/**
 * Multipart bodies are read only by the route that takes the upload (multer), after this
 * middleware has run, so their `_csrf` field is not there yet. For these routes alone, and only
 * for multipart requests, the check is deferred: the route must call `isCsrfValid` right after
 * parsing (and refuse with 403). Any other multipart request is checked here, and refused.
 */
const DEFERRED_MULTIPART = new Set(['POST /admin/media']);
const isDeferred = (req: Request) =>
  DEFERRED_MULTIPART.has(`${req.method} ${req.baseUrl}${req.path}`) && Boolean(req.is('multipart/form-data'));

/** The token a request carries: the hidden `_csrf` field of a form, or the X-CSRF-Token header from scripts. */
function tokenOf(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body._csrf === 'string' ? body._csrf : undefined;
  return field ?? req.get('x-csrf-token');
}

/** Synchronizer-token CSRF protection (csrf-sync) for signed-in users: the token lives in the session. */
const csrf = csrfSync({
  skipCsrfProtection: isDeferred,
  getTokenFromRequest: tokenOf,
  errorConfig: { statusCode: 403, message: 'This form has expired or did not come from this site.', code: 'EBADCSRFTOKEN' },
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests without a valid token; makes `csrfToken` available to views.
 * A signed-in user's token is kept in their session. A visitor's is a signed cookie
 * (csrf-cookie.ts), so that showing the sign-in form stores no session
 * (docs/decisions/024-sign-in-without-a-stored-session.md); it is made only when a page shows it,
 * so a redirect to sign in sets no cookie either. Mount after loadUser.
 */
export function csrfProtection(secret: string): RequestHandler {
  const cookie = cookieCsrf(secret);
  return (req, res, next) => {
    if (req.user) {
      res.locals.csrfToken = csrf.generateToken(req);
      return csrf.csrfSynchronisedProtection(req, res, next);
    }
    Object.defineProperty(res.locals, 'csrfToken', {
      configurable: true,
      enumerable: true,
      get: () => cookie.token(req, res),
    });
    if (SAFE_METHODS.has(req.method) || isDeferred(req) || cookie.isValid(req, tokenOf(req))) return next();
    next(csrf.invalidCsrfTokenError);
  };
}

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
