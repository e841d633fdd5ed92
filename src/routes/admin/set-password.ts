import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the set-password feature. */
export function setPasswordRouter(_deps: FeatureDeps): Router {
  return Router();
}
