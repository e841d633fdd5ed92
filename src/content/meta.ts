/**
 * The post meta line under titles and list entries, as PaperMod's post_meta
 * partial builds it: date · reading time · author, skipping what is absent.
 */
import { DEFAULT_DATE_LAYOUT, formatDate } from './dates.js';
import { escapeHtml } from './escape-html.js';

export const META_SEPARATOR = '&nbsp;·&nbsp;';

export interface PostMetaSource {
  date: Date | null;
  readingTime: number;
  author: string;
}

export interface PostMetaOptions {
  /** Go reference layout; '' means PaperMod's default "January 2, 2006". */
  dateFormat: string;
  timeZone: string;
  showAuthor: boolean;
}

/**
 * Returns the non-empty meta parts in order, each already HTML-escaped (they
 * are meant for joinMeta, whose result is HTML).
 */
export function postMetaParts(post: PostMetaSource, options: PostMetaOptions): string[] {
  const parts: string[] = [];
  if (post.date !== null) {
    parts.push(formatDate(post.date, options.dateFormat || DEFAULT_DATE_LAYOUT, options.timeZone || 'UTC'));
  }
  if (post.readingTime > 0) parts.push(`${post.readingTime} min`);
  if (options.showAuthor && post.author.trim() !== '') parts.push(post.author.trim());
  return parts.map(escapeHtml).filter((part) => part.trim() !== '');
}

/** Joins meta parts with PaperMod's "&nbsp;·&nbsp;", ignoring empty ones. */
export function joinMeta(parts: readonly string[]): string {
  return parts.filter((part) => part.trim() !== '').join(META_SEPARATOR);
}
