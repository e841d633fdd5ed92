/**
 * A post's revisions: the list (a page at a time), one revision with its diff against the
 * current text, and Restore.
 */
import { Router } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { flash } from '../../auth/flash.js';
import { HttpError, notFound } from '../../http-error.js';
import { fieldsOf, updateEditorPost } from '../../models/admin-posts.js';
import { getRevision, getRevisionTexts, isCurrentRevision, listRevisionFacts } from '../../models/revisions.js';
import { createAdmission } from '../../work/admission.js';
import type { FeatureDeps } from './features.js';
import { postTarget, recordAction } from './posts-audit.js';
import {
  inlineIds,
  listCards,
  REVISIONS_PER_PAGE,
  revisionCard,
  revisionDiffs,
  revisionPages,
  sameText,
} from './posts-revisions-view.js';
import {
  adminDate,
  adminUrl,
  guardKind,
  loadPost,
  owned,
  parseId,
  settingsOf,
  type Kind,
} from './posts-shared.js';

/** ?page=N of the list: absent is 1; anything but 1–99999 written plainly is 404. */
function pageOf(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,4}$/.test(raw)) throw notFound();
  return Number(raw);
}

export function postsRevisionsRouter({ db, renderer }: FeatureDeps, kind: Kind): Router {
  const router = Router();
  const base = kind.base;
  const guard = guardKind(kind);
  // A revision's page reads two texts of up to a million characters and diffs them: a few at a time.
  const comparisons = createAdmission({
    what: 'comparisons of revisions',
    concurrency: 2,
    maxQueue: 4,
    retryAfterSeconds: 5,
    maxPerKey: 2,
  });
  const postLocals = (post: { id: number; title: string; deletedAt: Date | null }) => ({
    title: post.title,
    editUrl: adminUrl(kind, `/${post.id}/edit`),
    revisionsUrl: adminUrl(kind, `/${post.id}/revisions`),
    trashed: post.deletedAt !== null,
  });

  router.get(`${base}/:id/revisions`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    const page = pageOf(req.query.page);
    const { revisions, total } = await listRevisionFacts(db, post.id, { page, perPage: REVISIONS_PER_PAGE });
    if (revisions.length === 0 && page > 1) throw notFound();
    const texts = await getRevisionTexts(db, post.id, inlineIds(revisions, Buffer.byteLength(post.markdown)));
    const newest = page === 1 ? revisions[0] : undefined;
    const currentId = newest && (await isCurrentRevision(db, newest.id)) ? newest.id : null;
    res.render('admin/posts/revisions', {
      page: { title: `Revisions: ${post.title}` },
      adminSection: kind.section,
      kind,
      post: postLocals(post),
      revisions: listCards(kind, post, revisions, settingsOf(res), { currentId, texts }),
      total,
      pagination: revisionPages(kind, post.id, page, total),
      currentTitle: post.title,
    });
  });

  router.get(`${base}/:id/revisions/:revisionId`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    const revisionId = parseId(req.params.revisionId);
    const card = await comparisons.run(async () => {
      const revision = await getRevision(db, post.id, revisionId);
      if (!revision) throw notFound();
      const isCurrent = sameText(revision, post);
      const facts = { ...revision, bytes: Buffer.byteLength(revision.markdown), olderBytes: null };
      return revisionCard(kind, post, facts, settingsOf(res), { isCurrent, diffs: revisionDiffs(revision, post) });
    }, userOf(req).id);
    res.render('admin/posts/revision', {
      page: { title: `Revision of ${card.when}: ${post.title}` },
      adminSection: kind.section,
      kind,
      post: postLocals(post),
      revision: card,
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
    // The revision's text is rendered again by today's renderer, as a save would.
    const derived = await renderer.derive(fields, userOf(req).id);
    const result = await updateEditorPost(db, {
      id: post.id,
      type: kind.type,
      fields,
      derived,
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
