import { Router, type Response } from 'express';
import type { Db } from '../db.js';
import { renderRobots, renderRss, renderSitemap, type SitemapUrl } from '../content/feeds.js';
import { notFound } from '../http-error.js';
import { listPublicPosts, listAllPublicPosts } from '../models/posts.js';
import { getPublicTerm, listPublicTerms, TAXONOMIES } from '../models/tags.js';
import type { SiteSettings } from '../models/settings.js';
import { parseSlug } from './params.js';
import { pageUrl, postUrl, termUrl } from './present.js';

/** How many posts a feed carries; Hugo's default is all, which is too much for a large blog. */
const FEED_LIMIT = 50;

/** RSS feeds, the sitemap and robots.txt. */
export function feedsRouter(db: Db): Router {
  const router = Router({ strict: true });

  async function sendFeed(res: Response, title: string, path: string, tagId?: number) {
    const settings = res.locals.settings as SiteSettings;
    const baseUrl = res.locals.site.baseUrl as string;
    const { posts } = await listPublicPosts(db, { now: new Date(), page: 1, perPage: FEED_LIMIT, tagId });
    const xml = renderRss({
      title,
      link: baseUrl + path,
      self: `${baseUrl}${path}index.xml`,
      description: `Recent content ${path === '/' ? '' : `in ${title} `}on ${settings.title}`,
      language: 'en-us',
      items: posts.map((p) => ({
        title: p.title,
        url: baseUrl + postUrl(p),
        date: p.publishedAt,
        description: p.summaryText,
      })),
    });
    res.type('application/rss+xml; charset=utf-8').send(xml);
  }

  router.get('/index.xml', (_req, res) => sendFeed(res, res.locals.settings.title, '/'));
  router.get('/posts/index.xml', (_req, res) => sendFeed(res, `Posts on ${res.locals.settings.title}`, '/posts/'));
  for (const taxonomy of TAXONOMIES) {
    router.get(`/${taxonomy}/:slug/index.xml`, async (req, res) => {
      const term = await getPublicTerm(db, taxonomy, parseSlug(req.params.slug), new Date());
      if (!term) throw notFound();
      await sendFeed(res, `${term.name} on ${res.locals.settings.title}`, termUrl(taxonomy, term.slug), term.id);
    });
  }

  router.get('/sitemap.xml', async (_req, res) => {
    const baseUrl = res.locals.site.baseUrl as string;
    const now = new Date();
    const [posts, pages, tags] = await Promise.all([
      listAllPublicPosts(db, now),
      listAllPublicPosts(db, now, 'page'),
      listPublicTerms(db, 'tags', now),
    ]);
    const urls: SitemapUrl[] = [
      { loc: `${baseUrl}/`, lastmod: posts[0]?.updatedAt ?? null },
      ...posts.map((p) => ({ loc: baseUrl + postUrl(p), lastmod: p.updatedAt })),
      ...pages.map((p) => ({ loc: baseUrl + pageUrl(p), lastmod: p.updatedAt })),
      { loc: `${baseUrl}/tags/`, lastmod: null },
      ...tags.map((t) => ({ loc: baseUrl + termUrl('tags', t.slug), lastmod: null })),
    ];
    res.type('application/xml; charset=utf-8').send(renderSitemap(urls));
  });

  router.get('/robots.txt', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(renderRobots(res.locals.site.baseUrl as string));
  });

  return router;
}
