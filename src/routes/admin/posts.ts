import { Router } from 'express';
import type { FeatureDeps } from './features.js';
import { postsEditRouter } from './posts-edit.js';
import { postsListRouter } from './posts-list.js';
import { postsPreviewRouter } from './posts-preview.js';
import { postsRevisionsRouter } from './posts-revisions.js';
import { PAGES, POSTS } from './posts-shared.js';

/**
 * Posts (/admin/posts…) and pages (/admin/pages…): lists and trash, the editor, revisions,
 * and the live preview (/admin/preview). Every route checks the role table itself.
 */
export function postsAdminRouter(deps: FeatureDeps): Router {
  const router = Router();
  router.use(postsPreviewRouter(deps));
  for (const kind of [POSTS, PAGES]) {
    router.use(postsListRouter(deps, kind));
    router.use(postsEditRouter(deps, kind));
    router.use(postsRevisionsRouter(deps, kind));
  }
  return router;
}
