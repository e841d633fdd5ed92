/**
 * The editor's text through the render threads (src/work/render-pool.ts). A refusal — too large
 * to render within the budget, or the server busy — is an answer for the content field, so the
 * form comes back with everything the writer typed.
 */
import type { Response } from 'express';
import type { DeriveInput } from '../../content/derive.js';
import type { DerivedContent } from '../../content/types.js';
import { HttpError } from '../../http-error.js';
import { BusyError } from '../../work/admission.js';
import type { RenderPool } from '../../work/render-pool.js';

export type Rendered =
  | { ok: true; derived: DerivedContent }
  | { ok: false; status: number; message: string; retryAfterSeconds?: number };

export async function renderText(renderer: RenderPool, input: DeriveInput, userId: number): Promise<Rendered> {
  try {
    return { ok: true, derived: await renderer.derive(input, userId) };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const retryAfterSeconds = err instanceof BusyError ? err.retryAfterSeconds : undefined;
    return { ok: false, status: err.status, message: err.message, retryAfterSeconds };
  }
}

/** Sets Retry-After for a busy refusal; returns the status to answer with. */
export function refusalStatus(res: Response, refused: Extract<Rendered, { ok: false }>): number {
  if (refused.retryAfterSeconds !== undefined) res.set('Retry-After', String(refused.retryAfterSeconds));
  return refused.status;
}
