import { Router, type Response } from 'express';
import type { Db } from '../db.js';
import { notFound } from '../http-error.js';
import { getNeighbours, getPublicPost, listAllPublicPosts, listPublicPosts } from '../models/posts.js';
import { getPublicTerm, listPublicTerms, TAXONOMIES, type Taxonomy } from '../models/tags.js';
import { searchMarks, searchPublicPosts } from '../models/search-sqlite.js';
import type { SiteSettings } from '../models/settings.js';
import { parsePage, parseSlug, searchQuerySchema } from './params.js';
import { archiveYears, entry, metaHtml, pagination, postUrl, snippetHtml, termUrl } from './present.js';
import { blogPostingJsonLd } from './json-ld.js';

const settingsOf = (res: Response) => res.locals.settings as SiteSettings;

function setPage(res: Response, fields: Record<string, unknown>) {
  res.locals.page = { ...res.locals.page, ...fields };
}

/** The reader's site: lists, posts, terms, archives and search, at Hugo's URLs. */
export function publicRouter(db: Db): Router {
  const router = Router();

  async function renderList(res: Response, base: string, rawPage: string | undefined, term?: { id: number; name: string; taxonomy: Taxonomy; slug: string }) {
    const settings = settingsOf(res);
    const page = parsePage(rawPage);
    if (rawPage === '1') return res.redirect(301, base);
    const { posts, total } = await listPublicPosts(db, {
      now: new Date(),
      page,
      perPage: settings.postsPerPage,
      tagId: term?.id,
    });
    if (posts.length === 0 && page > 1) throw notFound();
    const site = res.locals.site as { title: string };
    if (term) {
      const feedUrl = `${termUrl(term.taxonomy, term.slug)}index.xml`;
      setPage(res, { title: `${term.name} | ${site.title}`, feedUrl: res.locals.site.baseUrl + feedUrl });
    } else if (page > 1) {
      setPage(res, { title: `Page ${page} | ${site.title}` });
    }
    res.render('public/list', {
      heading: term ? { title: term.name, feedUrl: `${termUrl(term.taxonomy, term.slug)}index.xml` } : null,
      entries: posts.map((p) => entry(p, settings)),
      pagination: pagination(base, page, total, settings.postsPerPage),
    });
  }

  router.get('/', (_req, res) => renderList(res, '/', undefined));
  router.get('/page/:n/', (req, res) => renderList(res, '/', req.params.n));
  router.get('/posts/', (_req, res) => renderList(res, '/posts/', undefined));
  router.get('/posts/page/:n/', (req, res) => renderList(res, '/posts/', req.params.n));

  router.get('/posts/:slug/', async (req, res, nextRoute) => {
    const settings = settingsOf(res);
    const now = new Date();
    const post = await getPublicPost(db, { slug: parseSlug(req.params.slug), type: 'post', now });
    // An old slug is answered by the redirects handler; anything else falls through to the 404 page.
    if (!post) return nextRoute();
    const { prev, next } = await getNeighbours(db, post, now);
    const baseUrl = res.locals.site.baseUrl as string;
    setPage(res, {
      title: `${post.title} | ${res.locals.site.title}`,
      description: post.description || post.summaryText,
      type: 'article',
      jsonLd: blogPostingJsonLd(post, baseUrl, settings),
    });
    res.render('public/post', {
      post: {
        title: post.title,
        description: post.description,
        metaHtml: metaHtml(post, settings),
        html: post.html,
        cover: /^(\/(?!\/)|https:\/\/)/.test(post.coverImage) ? post.coverImage : null,
        toc: post.showToc && post.toc.length > 0 ? post.toc : null,
        tags: post.tags
          .filter((t) => t.tag.taxonomy === 'tags')
          .map((t) => ({ name: t.tag.name, url: termUrl('tags', t.tag.slug) })),
        prev: prev ? { title: prev.title, url: postUrl(prev) } : null,
        next: next ? { title: next.title, url: postUrl(next) } : null,
      },
    });
  });

  const labels: Record<Taxonomy, string> = { tags: 'Tags', categories: 'Categories', series: 'Series' };
  for (const taxonomy of TAXONOMIES) {
    const label = labels[taxonomy];
    router.get(`/${taxonomy}/`, async (_req, res) => {
      const terms = await listPublicTerms(db, taxonomy, new Date());
      // Hugo makes /tags/ always; categories and series only when a post uses them.
      if (taxonomy !== 'tags' && terms.length === 0) throw notFound();
      setPage(res, { title: `${label} | ${res.locals.site.title}` });
      res.render('public/terms', {
        heading: { title: label },
        terms: terms.map((t) => ({ name: t.name, url: termUrl(taxonomy, t.slug), count: t.count })),
      });
    });
    const termPage = async (req: { params: Record<string, string | undefined> }, res: Response) => {
      const term = await getPublicTerm(db, taxonomy, parseSlug(req.params.slug), new Date());
      if (!term) throw notFound();
      await renderList(res, termUrl(taxonomy, term.slug), req.params.n, { ...term, taxonomy });
    };
    router.get(`/${taxonomy}/:slug/`, termPage);
    router.get(`/${taxonomy}/:slug/page/:n/`, termPage);
  }

  router.get('/archives/', async (_req, res) => {
    const posts = await listAllPublicPosts(db, new Date());
    setPage(res, { title: `Archive | ${res.locals.site.title}` });
    res.render('public/archives', { years: archiveYears(posts, settingsOf(res)) });
  });

  router.get('/search/', async (req, res) => {
    const parsed = searchQuerySchema.safeParse(req.query);
    setPage(res, { title: `Search | ${res.locals.site.title}`, noindex: true });
    if (!parsed.success) {
      const q = typeof req.query.q === 'string' ? req.query.q : '';
      res.status(400);
      return res.render('public/search', {
        q,
        error: parsed.error.issues[0]?.message ?? 'That search could not be read.',
        results: [],
        searched: false,
      });
    }
    const { q } = parsed.data;
    const hits = q ? await searchPublicPosts(db, q, { now: new Date(), limit: 50 }) : [];
    const settings = settingsOf(res);
    res.render('public/search', {
      q,
      error: null,
      searched: q.length > 0,
      results: hits.map((h) => ({
        title: h.title,
        url: postUrl(h),
        snippetHtml: snippetHtml(h.snippet, searchMarks),
        metaHtml: metaHtml(h, settings),
      })),
    });
  });

  router.get('/:slug/', async (req, res, next) => {
    const post = await getPublicPost(db, { slug: parseSlug(req.params.slug), type: 'page', now: new Date() });
    if (!post) return next();
    setPage(res, { title: `${post.title} | ${res.locals.site.title}`, description: post.description || post.summaryText });
    res.render('public/page', { post: { title: post.title, html: post.html } });
  });

  return router;
}

