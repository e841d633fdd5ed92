import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the posts feature. */
export function postsAdminRouter(_deps: FeatureDeps): Router {
  return Router();
}
