import { serializeFrontMatter } from './front-matter.js';
import { isKnownFrontMatterKey } from './hugo-post.js';
import type { PostInput } from './types.js';

/** RFC 3339 in UTC, whole seconds: `2024-04-25T00:00:00Z`. */
export function hugoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Where a post lives under a Hugo site's `content/`. */
export function hugoRelPath(post: Pick<PostInput, 'type' | 'slug'>): string {
  return post.type === 'page' ? `${post.slug}.md` : `posts/${post.slug}.md`;
}

/**
 * A post as a Hugo content file, front-matter keys in a fixed order so that
 * export → import → export gives the same bytes.
 */
export function postToHugo(post: PostInput): { relPath: string; text: string } {
  const data: Record<string, unknown> = { title: post.title };
  const date = post.publishedAt ? hugoDate(post.publishedAt) : null;
  if (date) data.date = date;
  // Compared as written: milliseconds never reach the file.
  const lastmod = post.updatedAt ? hugoDate(post.updatedAt) : null;
  if (lastmod && lastmod !== date) data.lastmod = lastmod;
  if (post.expiresAt) data.expiryDate = hugoDate(post.expiresAt);
  // A scheduled post is Hugo's "published with a future date".
  if (post.status === 'draft') data.draft = true;
  data.slug = post.slug;
  if (post.summarySource) data.summary = post.summarySource;
  if (post.description) data.description = post.description;
  if (post.weight) data.weight = post.weight;
  if (post.showToc) data.showToc = true;
  if (post.tags.length > 0) data.tags = [...post.tags];
  if (post.categories.length > 0) data.categories = [...post.categories];
  if (post.aliases.length > 0) data.aliases = [...post.aliases];
  // A key Byline interprets would shadow the field on the next import, so extra never writes one.
  const extraKeys = Object.keys(post.extra)
    .filter((key) => !isKnownFrontMatterKey(key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered = Object.fromEntries([...Object.entries(data), ...extraKeys.map((key) => [key, post.extra[key]])]);
  return { relPath: hugoRelPath(post), text: serializeFrontMatter(ordered, post.markdown) };
}
