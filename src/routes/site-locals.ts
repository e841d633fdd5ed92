import type { RequestHandler } from 'express';
import type { Db } from '../db.js';
import { asset } from '../assets.js';
import { getSettings } from '../models/settings.js';
import { listPublicPages } from '../models/pages.js';

const menu = [
  { name: 'Archives', url: '/archives/' },
  { name: 'Search', url: '/search/' },
  { name: 'Tags', url: '/tags/' },
];

/** Puts the site's settings and the layout's helpers in res.locals for every view. */
export function siteLocals(db: Db, baseUrl: string): RequestHandler {
  return async (req, res, next) => {
    const [settings, pages] = await Promise.all([getSettings(db), listPublicPages(db, new Date())]);
    res.locals.settings = settings;
    res.locals.site = {
      title: settings.title,
      description: settings.description,
      author: settings.author,
      baseUrl,
      language: 'en',
    };
    res.locals.asset = asset;
    const items = [...menu, ...pages.map((p) => ({ name: p.title, url: `/${p.slug}/` }))];
    res.locals.nav = items.map((m) => ({ ...m, current: req.path.startsWith(m.url) }));
    res.locals.page = {
      title: settings.title,
      description: settings.description,
      canonical: baseUrl + req.path,
      type: 'website',
      jsonLd: null,
      feedUrl: `${baseUrl}/index.xml`,
      noindex: false,
    };
    next();
  };
}
