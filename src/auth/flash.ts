import type { Request, RequestHandler } from 'express';

/** A message shown once on the next admin page ("Post saved."). */
export function flash(req: Request, kind: 'success' | 'error', text: string): void {
  if (!req.session) return;
  (req.session.flash ??= []).push({ kind, text });
}

export const flashLocals: RequestHandler = (req, res, next) => {
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
};
