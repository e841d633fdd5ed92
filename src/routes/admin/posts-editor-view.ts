/** Renders the editor and the conflict page: what they show, built from the post and what was typed. */
import type { Request, Response } from 'express';
import { userOf } from '../../auth/guards.js';
import { can } from '../../auth/policy.js';
import { FORM_STATUSES, type PostFormValues } from '../../content/post-form.js';
import type { PostStatus } from '../../content/types.js';
import { zonedToUtc } from '../../content/zoned-time.js';
import type { EditorPost } from '../../models/admin-posts.js';
import type { SiteSettings } from '../../models/settings.js';
import type { RenderPool } from '../../work/render-pool.js';
import { metaHtml, urlFor } from '../present.js';
import { renderText } from './posts-render.js';
import { adminDate, adminUrl, authorName, settingsOf, type Kind } from './posts-shared.js';

const STATUS_LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  scheduled: 'Scheduled',
};

/** "2026-12-01 08:00 UTC" for a Publish at value in the site's zone, '' when there is none. */
export function utcHint(publishAt: string, timeZone: string): string {
  const at = publishAt ? zonedToUtc(publishAt, timeZone) : null;
  if (!at) return '';
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function statusOptions(req: Request, kind: Kind, ownerId: number | null, current: PostStatus) {
  const user = userOf(req);
  const mayPublish = can(user, 'post:publish', { authorId: ownerId, status: 'published', type: kind.type });
  return FORM_STATUSES.filter((s) => s === 'draft' || mayPublish || s === current).map((value) => ({
    value,
    label: STATUS_LABELS[value],
  }));
}

/**
 * The preview pane as the page is sent: the stored HTML when the text is the stored text, else
 * the text rendered now (or, when the render is refused, an empty pane that the editor's script
 * fills as the writer types).
 */
async function previewOf(
  renderer: RenderPool,
  values: PostFormValues,
  post: EditorPost | null,
  settings: SiteSettings,
  user: { id: number; name: string },
  skipRender: boolean,
) {
  const fromStore =
    post !== null &&
    post.markdown === values.content &&
    post.summarySource === values.summary &&
    post.title === values.title;
  const input = {
    title: values.title,
    description: values.description,
    markdown: values.content,
    summarySource: values.summary,
  };
  const rendered =
    fromStore || skipRender || values.content === '' ? null : await renderText(renderer, input, user.id);
  const derived = fromStore
    ? { html: post.html, readingTime: post.readingTime }
    : rendered?.ok
      ? rendered.derived
      : { html: '', readingTime: 0 };
  const publishedAt = zonedToUtc(values.publishAt, settings.timeZone) ?? post?.publishedAt ?? new Date();
  return {
    html: derived.html,
    title: values.title,
    description: values.description,
    metaHtml: metaHtml(
      { publishedAt, readingTime: derived.readingTime, author: post ? post.author : { name: user.name } },
      settings,
    ),
  };
}

export interface EditorView {
  kind: Kind;
  post: EditorPost | null;
  values: PostFormValues;
  errors?: Record<string, string>;
  status?: number;
  /** The text was just refused by the renderer: the pane is left for the editor's script. */
  renderRefused?: boolean;
}

export async function renderEditor(
  req: Request,
  res: Response,
  renderer: RenderPool,
  { kind, post, values, errors = {}, status = 200, renderRefused = false }: EditorView,
) {
  const settings = settingsOf(res);
  const user = userOf(req);
  const isNew = post === null;
  const preview = await previewOf(renderer, values, post, settings, user, renderRefused);
  res.status(status).render('admin/posts/edit', {
    page: { title: isNew ? `New ${kind.noun}` : `Edit ${kind.noun}: ${post.title}` },
    adminSection: kind.section,
    kind,
    isNew,
    action: isNew ? adminUrl(kind, '/new') : adminUrl(kind, `/${post.id}/edit`),
    draftKey: `byline:draft:${kind.type}:${isNew ? 'new' : post.id}`,
    values,
    errors,
    statuses: statusOptions(req, kind, post ? post.authorId : user.id, values.status),
    timeZone: settings.timeZone,
    utcHint: utcHint(values.publishAt, settings.timeZone),
    urlPrefix: kind.type === 'page' ? '/' : '/posts/',
    preview,
    meta: post && {
      author: authorName(post.author),
      updated: adminDate(post.updatedAt, settings),
      version: post.version,
      viewUrl: urlFor(post),
      revisionsUrl: adminUrl(kind, `/${post.id}/revisions`),
      deleteUrl: adminUrl(kind, `/${post.id}/delete`),
      mayDelete: can(user, 'post:delete', { authorId: post.authorId, status: post.status, type: post.type }),
    },
  });
}

/** 409: the stored text and the user's, side by side, with a form that saves theirs over it. */
export function renderConflict(
  req: Request,
  res: Response,
  kind: Kind,
  current: EditorPost,
  yours: PostFormValues,
) {
  const settings = settingsOf(res);
  res.status(409).render('admin/posts/conflict', {
    page: { title: `Conflict: ${current.title}` },
    adminSection: kind.section,
    kind,
    trashed: current.deletedAt !== null,
    action: adminUrl(kind, `/${current.id}/edit`),
    editUrl: adminUrl(kind, `/${current.id}/edit`),
    trashUrl: `${adminUrl(kind)}?status=trash`,
    theirs: {
      title: current.title,
      summary: current.summarySource,
      description: current.description,
      content: current.markdown,
      updated: adminDate(current.updatedAt, settings),
      version: current.version,
    },
    yours: { ...yours, version: String(current.version) },
    statuses: statusOptions(req, kind, current.authorId, yours.status),
  });
}
