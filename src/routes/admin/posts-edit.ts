/** The editor: new and edit forms, saving (with the role table, validation and conflict detection). */
import { Router, type Request } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { flash } from '../../auth/flash.js';
import { fieldErrors, formValuesOf, postFormSchema, typedValues } from '../../content/post-form.js';
import type { PostStatus } from '../../content/types.js';
import { notFound } from '../../http-error.js';
import {
  createEditorPost,
  fieldsOf,
  getEditorPost,
  updateEditorPost,
  type SaveResult,
} from '../../models/admin-posts.js';
import type { FeatureDeps } from './features.js';
import { recordAction, saveEntry } from './posts-audit.js';
import { renderConflict, renderEditor } from './posts-editor-view.js';
import { refusalStatus, renderText } from './posts-render.js';
import { adminUrl, guardKind, loadPost, owned, settingsOf, type Kind } from './posts-shared.js';

/** Publishing and scheduling need the right to publish this post; a contributor gets 403. */
function authorizeStatus(req: Request, kind: Kind, ownerId: number | null, status: PostStatus) {
  if (status !== 'draft') authorize(req, 'post:publish', { authorId: ownerId, status, type: kind.type });
}

function savedMessage(
  kind: Kind,
  result: Extract<SaveResult, { kind: 'saved' }>,
  status: PostStatus,
  created: boolean,
) {
  const how = { draft: 'as a draft', published: 'and published', scheduled: 'and scheduled' }[status];
  return `${kind.Noun} ${created ? 'created' : 'saved'} ${how} (version ${result.version}).`;
}

const SLUG_TAKEN = (kind: Kind) =>
  `Another ${kind.noun} already uses this slug (perhaps one in the trash): choose another.`;

export function postsEditRouter({ db, renderer }: FeatureDeps, kind: Kind): Router {
  const router = Router();
  const base = kind.base;
  const guard = guardKind(kind);

  router.get(`${base}/new`, guard, (req, res) => {
    const settings = settingsOf(res);
    renderEditor(req, res, renderer, {
      kind,
      post: null,
      values: formValuesOf({}, settings.timeZone, new Date()),
    });
  });

  router.post(`${base}/new`, guard, async (req, res) => {
    const user = userOf(req);
    const values = typedValues(req.body);
    authorizeStatus(req, kind, user.id, values.status);
    const now = new Date();
    const parsed = postFormSchema({ type: kind.type, timeZone: settingsOf(res).timeZone, now }).safeParse(
      req.body ?? {},
    );
    if (!parsed.success) {
      return renderEditor(req, res, renderer, {
        kind,
        post: null,
        values,
        errors: fieldErrors(parsed.error),
        status: 400,
      });
    }
    const { fields } = parsed.data;
    const rendered = await renderText(renderer, fields, user.id);
    if (!rendered.ok) {
      const status = refusalStatus(res, rendered);
      return renderEditor(req, res, renderer, {
        kind,
        post: null,
        values,
        errors: { content: rendered.message },
        status,
        renderRefused: true,
      });
    }
    const result = await createEditorPost(db, {
      type: kind.type,
      fields,
      derived: rendered.derived,
      userId: user.id,
      now,
    });
    if (result.kind !== 'saved') {
      return renderEditor(req, res, renderer, {
        kind,
        post: null,
        values,
        errors: { slug: SLUG_TAKEN(kind) },
        status: 400,
      });
    }
    await recordAction(
      db,
      req,
      saveEntry(kind, null, { ...fields, id: result.id }, settingsOf(res).timeZone),
    );
    flash(req, 'success', savedMessage(kind, result, fields.status, true));
    res.redirect(303, adminUrl(kind, `/${result.id}/edit`));
  });

  router.get(`${base}/:id/edit`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    if (post.deletedAt) {
      flash(req, 'error', `“${post.title}” is in the trash: restore it to edit it.`);
      return res.redirect(303, `${adminUrl(kind)}?status=trash`);
    }
    const values = formValuesOf(
      { ...fieldsOf(post), version: post.version },
      settingsOf(res).timeZone,
      new Date(),
    );
    renderEditor(req, res, renderer, { kind, post, values });
  });

  router.post(`${base}/:id/edit`, guard, async (req, res) => {
    const post = await loadPost(db, kind, req.params.id);
    authorize(req, 'post:edit', owned(post));
    const values = typedValues(req.body);
    authorizeStatus(req, kind, post.authorId, values.status);
    const now = new Date();
    const parsed = postFormSchema({ type: kind.type, timeZone: settingsOf(res).timeZone, now }).safeParse(
      req.body ?? {},
    );
    if (!parsed.success) {
      return renderEditor(req, res, renderer, {
        kind,
        post,
        values,
        errors: fieldErrors(parsed.error),
        status: 400,
      });
    }
    const { fields, version } = parsed.data;
    const rendered = await renderText(renderer, fields, userOf(req).id);
    if (!rendered.ok) {
      const status = refusalStatus(res, rendered);
      return renderEditor(req, res, renderer, {
        kind,
        post,
        values,
        errors: { content: rendered.message },
        status,
        renderRefused: true,
      });
    }
    const result = await updateEditorPost(db, {
      id: post.id,
      type: kind.type,
      fields,
      derived: rendered.derived,
      version,
      userId: userOf(req).id,
      now,
    });
    switch (result.kind) {
      case 'saved': {
        const before = { title: post.title, status: fieldsOf(post).status };
        await recordAction(
          db,
          req,
          saveEntry(kind, before, { ...fields, id: post.id }, settingsOf(res).timeZone),
        );
        flash(req, 'success', savedMessage(kind, result, fields.status, false));
        return res.redirect(303, adminUrl(kind, `/${post.id}/edit`));
      }
      case 'slug-taken':
        return renderEditor(req, res, renderer, {
          kind,
          post,
          values,
          errors: { slug: SLUG_TAKEN(kind) },
          status: 400,
        });
      case 'conflict':
      case 'trashed': {
        const current = await getEditorPost(db, post.id, kind.type);
        if (!current) throw notFound();
        return renderConflict(req, res, kind, current, values);
      }
      case 'missing':
        throw notFound();
    }
  });

  return router;
}
