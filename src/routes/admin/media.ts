import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the media feature. */
export function mediaAdminRouter(_deps: FeatureDeps): Router {
  return Router();
}
