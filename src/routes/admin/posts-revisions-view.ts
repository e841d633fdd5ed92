/**
 * What the revisions pages show. The list gives each revision's cheap facts (who, when, size)
 * and diffs inline only as much text as a page can afford; a revision's own page shows its full
 * diff. Either way a page's cost does not grow with the number or the size of the revisions.
 */
import { DIFF_BUDGET, lineDiff, type LineDiff } from '../../content/diff.js';
import type { EditorPost } from '../../models/admin-posts.js';
import type { RevisionFacts } from '../../models/revisions.js';
import type { SiteSettings } from '../../models/settings.js';
import { adminDate, adminUrl, authorName, type Kind } from './posts-shared.js';

export const REVISIONS_PER_PAGE = 20;
/** Bytes of text a list page diffs inline, each revision counted with the current text it is compared to. */
const INLINE_BYTES = 256 * 1024;
/** Steps each inline diff may take; past them the revision's own page has the whole budget. */
const INLINE_STEPS = 50_000;

type Text = { title: string; summarySource: string; markdown: string };

export interface RevisionDiffs {
  summary: LineDiff;
  content: LineDiff;
}

export const sameText = (a: Text, b: Text) =>
  a.title === b.title && a.summarySource === b.summarySource && a.markdown === b.markdown;

/** "812 bytes", "14.2 KB", "1.3 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How the size moved from the revision before: "+1.2 KB", "−300 bytes", "same size". */
function sizeChange(bytes: number, older: number | null): string | null {
  if (older === null) return null;
  if (bytes === older) return 'same size';
  return `${bytes > older ? '+' : '−'}${formatSize(Math.abs(bytes - older))}`;
}

/** The revisions of a list page that are diffed inline: newest first, while they fit INLINE_BYTES. */
export function inlineIds(revisions: RevisionFacts[], currentBytes: number): number[] {
  const ids: number[] = [];
  let used = 0;
  for (const r of revisions) {
    used += r.bytes + currentBytes;
    if (used > INLINE_BYTES) break;
    ids.push(r.id);
  }
  return ids;
}

/** How the current text differs from a revision's. */
export function revisionDiffs(revision: Omit<Text, 'title'>, post: Text, budget = DIFF_BUDGET): RevisionDiffs {
  return {
    summary: lineDiff(revision.summarySource, post.summarySource, 3, budget),
    content: lineDiff(revision.markdown, post.markdown, 3, budget),
  };
}

/** A revision as its card shows it (views/admin/posts/revision-card.ejs). */
export function revisionCard(
  kind: Kind,
  post: EditorPost,
  r: RevisionFacts,
  settings: SiteSettings,
  shown: { isCurrent: boolean; diffs: RevisionDiffs | null },
) {
  return {
    id: r.id,
    isCurrent: shown.isCurrent,
    title: r.title,
    author: authorName(r.author),
    when: adminDate(r.createdAt, settings),
    whenIso: r.createdAt.toISOString(),
    size: formatSize(r.bytes),
    sizeChange: sizeChange(r.bytes, r.olderBytes),
    titleChanged: r.title !== post.title,
    diffs: shown.diffs,
    url: adminUrl(kind, `/${post.id}/revisions/${r.id}`),
    restoreUrl: adminUrl(kind, `/${post.id}/revisions/${r.id}/restore`),
  };
}

/** The list page's cards: inline diffs for the revisions whose texts were read, when they fit. */
export function listCards(
  kind: Kind,
  post: EditorPost,
  revisions: RevisionFacts[],
  settings: SiteSettings,
  opts: { currentId: number | null; texts: Map<number, Omit<Text, 'title'>> },
) {
  return revisions.map((r) => {
    const text = opts.texts.get(r.id);
    const diffs = text ? revisionDiffs(text, post, INLINE_STEPS) : null;
    const fits = diffs !== null && !diffs.summary.tooLarge && !diffs.content.tooLarge;
    return revisionCard(kind, post, r, settings, { isCurrent: r.id === opts.currentId, diffs: fits ? diffs : null });
  });
}

/** Links to the newer and older pages of the list. */
export function revisionPages(kind: Kind, postId: number, page: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / REVISIONS_PER_PAGE));
  const link = (n: number) => adminUrl(kind, `/${postId}/revisions${n > 1 ? `?page=${n}` : ''}`);
  return {
    page,
    pages,
    prevUrl: page > 1 ? link(page - 1) : null,
    nextUrl: page < pages ? link(page + 1) : null,
  };
}
