import type { Request, RequestHandler } from 'express';

/** A message shown once on the next admin page ("Post saved."). */
export function flash(req: Request, kind: 'success' | 'error', text: string): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, text });
}

/**
 * Hands the waiting messages to the page being rendered, once. A request for JSON (the editor's
 * live preview, which may be in flight while a save redirects) shows no messages, so it must not
 * use them up: they are for the page the browser is about to load.
 */
export const flashLocals: RequestHandler = (req, res, next) => {
  if (req.accepts(['html', 'json']) === 'json') {
    res.locals.flash = [];
    return next();
  }
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
};
