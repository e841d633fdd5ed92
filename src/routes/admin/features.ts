import type { Router } from 'express';
import type { Db } from '../../db.js';
import type { RenderPool } from '../../work/render-pool.js';
import { accountRouter } from './account.js';
import { auditAdminRouter } from './audit.js';
import { mediaAdminRouter } from './media.js';
import { postsAdminRouter } from './posts.js';
import { setPasswordRouter } from './set-password.js';
import { settingsAdminRouter } from './settings.js';
import { twoFactorRouter } from './two-factor.js';
import { usersAdminRouter } from './users.js';

export interface FeatureDeps {
  db: Db;
  dataDir: string;
  /** Largest accepted upload (UPLOAD_MAX_MB). */
  maxUploadBytes?: number;
  /** Where post text is rendered: off the event loop, within a budget (src/work/render-pool.ts). */
  renderer: RenderPool;
}

/** Admin pages reachable without signing in (besides sign-in itself): the one-time set-password link. */
export function adminPublicFeatures(deps: FeatureDeps): Router[] {
  return [setPasswordRouter(deps)];
}

/** The signed-in admin's sections, mounted under /admin behind sign-in and CSRF. */
export function adminFeatures(deps: FeatureDeps): Router[] {
  return [
    twoFactorRouter(deps), // first: it holds back an administrator who must set up two-factor
    postsAdminRouter(deps),
    mediaAdminRouter(deps),
    usersAdminRouter(deps),
    settingsAdminRouter(deps),
    auditAdminRouter(deps),
    accountRouter(deps),
  ];
}
