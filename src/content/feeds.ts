/** RSS 2.0 and sitemap XML, built from plain values. Pure: no request, no database. */
import { formatIsoDate, formatRfc822 } from './dates.js';

export const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export interface FeedItem {
  title: string;
  url: string;
  date: Date | null;
  /** Plain-text or HTML description; escaped here. */
  description: string;
}

export interface Feed {
  title: string;
  /** The page the feed describes (absolute). */
  link: string;
  /** The feed's own URL (absolute). */
  self: string;
  description: string;
  language: string;
  items: FeedItem[];
}

export function renderRss(feed: Feed): string {
  const newest = feed.items.find((i) => i.date)?.date;
  const items = feed.items.map(
    (i) =>
      `    <item>
      <title>${escapeXml(i.title)}</title>
      <link>${escapeXml(i.url)}</link>
${i.date ? `      <pubDate>${formatRfc822(i.date)}</pubDate>\n` : ''}      <guid>${escapeXml(i.url)}</guid>
      <description>${escapeXml(i.description)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <description>${escapeXml(feed.description)}</description>
    <generator>Byline</generator>
    <language>${escapeXml(feed.language)}</language>
${newest ? `    <lastBuildDate>${formatRfc822(newest)}</lastBuildDate>\n` : ''}    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml" />
${items.join('\n')}
  </channel>
</rss>
`;
}

export interface SitemapUrl {
  loc: string;
  lastmod: Date | null;
}

export function renderSitemap(urls: SitemapUrl[]): string {
  const body = urls
    .map(
      (u) =>
        `  <url>\n    <loc>${escapeXml(u.loc)}</loc>\n${u.lastmod ? `    <lastmod>${formatIsoDate(u.lastmod)}</lastmod>\n` : ''}  </url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}

export function renderRobots(baseUrl: string): string {
  return `User-agent: *\nDisallow: /admin/\nSitemap: ${baseUrl}/sitemap.xml\n`;
}
