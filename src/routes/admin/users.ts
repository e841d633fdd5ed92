import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the users feature. */
export function usersAdminRouter(_deps: FeatureDeps): Router {
  return Router();
}
