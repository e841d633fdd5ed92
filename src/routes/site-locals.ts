import type { RequestHandler } from 'express';
import type { Db } from '../db.js';
import { asset } from '../assets.js';
import { getSettings } from '../models/settings.js';
import { listPublicPages } from '../models/pages.js';
import { memoByContent } from '../models/content-memo.js';

const menu = [
  { name: 'Archives', url: '/archives/' },
  { name: 'Search', url: '/search/' },
  { name: 'Tags', url: '/tags/' },
];

/** Puts the site's settings and the layout's helpers in res.locals for every view. */
export function siteLocals(db: Db, baseUrl: string): RequestHandler {
  return async (req, res, next) => {
    // The admin's pages show neither the reader's menu nor anything the settings row can't give.
    const admin = req.path.startsWith('/admin/') || req.path === '/admin';
    const [settings, pages] = await Promise.all([
      memoByContent(db, 'settings', 5000, () => getSettings(db).then((s) => Object.freeze(s))),
      admin ? [] : listPublicPages(db, new Date()),
    ]);
    res.locals.settings = settings;
    // The Base URL setting, when an administrator set one, wins over BASE_URL's default.
    const base = settings.baseUrl.replace(/\/+$/, '') || baseUrl;
    res.locals.site = {
      title: settings.title,
      description: settings.description,
      author: settings.author,
      baseUrl: base,
      language: 'en',
    };
    res.locals.asset = asset;
    const items = [...menu, ...pages.map((p) => ({ name: p.title, url: `/${p.slug}/` }))];
    res.locals.nav = items.map((m) => ({ ...m, current: req.path.startsWith(m.url) }));
    res.locals.page = {
      title: settings.title,
      // Search engines want a description on every page; the title stands in until one is set.
      description: settings.description || settings.title,
      canonical: base + req.path,
      type: 'website',
      jsonLd: null,
      feedUrl: `${base}/index.xml`,
      noindex: false,
    };
    next();
  };
}
