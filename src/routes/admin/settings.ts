import { Router } from 'express';
import type { FeatureDeps } from './features.js';

/** Placeholder: filled in by the settings feature. */
export function settingsAdminRouter(_deps: FeatureDeps): Router {
  return Router();
}
