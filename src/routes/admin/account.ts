import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the account feature. */
export function accountRouter(_deps: FeatureDeps): Router {
  return Router();
}
