/** Turns model rows into what the views show. Pure: no request, no database. */
import { joinMeta, postMetaParts } from '../content/meta.js';
import type { SiteSettings } from '../models/settings.js';
import { postUrl } from '../content/urls.js';
import { escapeHtml } from '../content/escape-html.js';

export interface MetaSource {
  publishedAt: Date | string | null;
  readingTime: number;
  author?: { name: string } | null;
}

export function metaHtml(post: MetaSource, settings: SiteSettings): string {
  const date = post.publishedAt === null ? null : new Date(post.publishedAt);
  return joinMeta(
    postMetaParts(
      {
        date,
        readingTime: settings.showReadingTime ? post.readingTime : 0,
        author: post.author?.name ?? settings.author,
      },
      settings,
    ),
  );
}

export { pageUrl, postUrl, termUrl, urlFor } from '../content/urls.js';

export function entry(
  post: { slug: string; title: string; summaryText: string; summaryTruncated: boolean } & MetaSource,
  settings: SiteSettings,
) {
  return {
    title: post.title,
    url: postUrl(post),
    summaryText: post.summaryText,
    summaryTruncated: post.summaryTruncated,
    metaHtml: metaHtml(post, settings),
  };
}

/** Prev/next links of a paginated list whose first page lives at `base`. */
export function pagination(base: string, page: number, total: number, perPage: number) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const at = (n: number) => (n === 1 ? base : `${base}page/${n}/`);
  return {
    prevUrl: page > 1 ? at(page - 1) : null,
    nextUrl: page < pages ? at(page + 1) : null,
    pages,
  };
}

/** Escapes a search snippet, then turns its match markers into <mark>. */
export function snippetHtml(snippet: string, marks: { open: string; close: string }): string {
  return escapeHtml(snippet).split(marks.open).join('<mark>').split(marks.close).join('</mark>');
}

export interface ArchiveYear {
  year: number;
  count: number;
  months: { name: string; count: number; entries: { title: string; url: string; metaHtml: string }[] }[];
}

/** Groups posts, newest first, by year and month in the site's time zone. */
export function archiveYears(
  posts: (MetaSource & { slug: string; title: string })[],
  settings: SiteSettings,
): ArchiveYear[] {
  const years: ArchiveYear[] = [];
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: settings.timeZone, year: 'numeric', month: 'long' });
  const dated = posts.flatMap((p) => (p.publishedAt === null ? [] : [{ ...p, at: new Date(p.publishedAt) }]));
  dated.sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const post of dated) {
    const parts = fmt.formatToParts(post.at);
    const year = Number(parts.find((p) => p.type === 'year')?.value);
    const month = parts.find((p) => p.type === 'month')?.value ?? '';
    let y = years.at(-1);
    if (!y || y.year !== year) years.push((y = { year, count: 0, months: [] }));
    let m = y.months.at(-1);
    if (!m || m.name !== month) y.months.push((m = { name: month, count: 0, entries: [] }));
    y.count++;
    m.count++;
    m.entries.push({ title: post.title, url: postUrl(post), metaHtml: metaHtml(post, settings) });
  }
  return years;
}
