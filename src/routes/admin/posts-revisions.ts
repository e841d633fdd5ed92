/** A post's revisions, each with a line diff against the current text, and Restore. */
import { Router } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { flash } from '../../auth/flash.js';
import { lineDiff } from '../../content/diff.js';
import { HttpError, notFound } from '../../http-error.js';
import { fieldsOf, updateEditorPost } from '../../models/admin-posts.js';
import { getRevision, listRevisions } from '../../models/revisions.js';
import type { FeatureDeps } from './features.js';
import { postTarget, recordAction } from './posts-audit.js';
import {
  adminDate,
  adminUrl,
  authorName,
  guardKind,
  loadPost,
  owned,
  parseId,
  settingsOf,
  type Kind,
} from './posts-shared.js';

export function postsRevisionsRouter({ db }: FeatureDeps, kind: Kind): Router {
  const router = Router();
  const base = kind.base;
  const guard = guardKind(kind);

  router.get(`${base}/:id/revisions`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    const settings = settingsOf(res);
    const revisions = await listRevisions(db, post.id);
    res.render('admin/posts/revisions', {
      page: { title: `Revisions: ${post.title}` },
      adminSection: kind.section,
      kind,
      post: {
        title: post.title,
        editUrl: adminUrl(kind, `/${post.id}/edit`),
        trashed: post.deletedAt !== null,
      },
      revisions: revisions.map((r, i) => ({
        id: r.id,
        isCurrent:
          i === 0 &&
          r.title === post.title &&
          r.markdown === post.markdown &&
          r.summarySource === post.summarySource,
        title: r.title,
        author: authorName(r.author),
        when: adminDate(r.createdAt, settings),
        whenIso: r.createdAt.toISOString(),
        titleChanged: r.title !== post.title,
        summary: lineDiff(r.summarySource, post.summarySource),
        content: lineDiff(r.markdown, post.markdown),
        restoreUrl: adminUrl(kind, `/${post.id}/revisions/${r.id}/restore`),
      })),
      currentTitle: post.title,
    });
  });

  router.post(`${base}/:id/revisions/:revisionId/restore`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    if (post.deletedAt)
      throw new HttpError(409, 'This post is in the trash: restore it from the trash first.');
    const revision = await getRevision(db, post.id, parseId(req.params.revisionId));
    if (!revision) throw notFound();
    const fields = {
      ...fieldsOf(post),
      title: revision.title,
      summarySource: revision.summarySource,
      markdown: revision.markdown,
    };
    const result = await updateEditorPost(db, {
      id: post.id,
      type: kind.type,
      fields,
      version: post.version,
      userId: userOf(req).id,
      now: new Date(),
    });
    if (result.kind !== 'saved') {
      flash(req, 'error', 'The post changed while restoring; nothing was restored. Look again and retry.');
      return res.redirect(303, adminUrl(kind, `/${post.id}/revisions`));
    }
    const from = adminDate(revision.createdAt, settingsOf(res));
    await recordAction(db, req, {
      action: `${kind.noun}.revision-restore`,
      target: postTarget(kind, post.id),
      summary: `Restored “${revision.title}” to its revision of ${from}${revision.title === post.title ? '' : ` (was “${post.title}”)`}`,
    });
    flash(req, 'success', `Revision from ${from} restored (version ${result.version}).`);
    res.redirect(303, adminUrl(kind, `/${post.id}/edit`));
  });

  return router;
}
