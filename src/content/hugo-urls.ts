/**
 * The URL Hugo gives a page, computed as Hugo computes it: `url` front matter as written, else the
 * section's permalink pattern, else the file's path with `slug` for its last part; every part but
 * a front-matter `url` sanitized and lowercased. And aliases, resolved as Hugo writes them.
 */
import path from 'node:path';
import { formatDate } from './dates.js';
import type { WallClock } from './hugo-dates.js';
import { layoutChunks } from './go-layout.js';
import type { PostType } from './types.js';

/** A `[permalinks]` entry for regular pages: `section` is a path under content/ ('' = top-level pages). */
export interface PermalinkRule {
  section: string;
  pattern: string;
}

export interface UrlRules {
  permalinks: PermalinkRule[];
  /** `uglyURLs`: every page, or per top-level section. */
  uglyURLs: boolean | Record<string, boolean>;
  /** False when the site sets `disablePathToLower`. */
  lowercase: boolean;
  removePathAccents: boolean;
  /** The default language's code when `defaultContentLanguageInSubdir` is set, else ''. */
  languagePrefix: string;
}

export const DEFAULT_URL_RULES: UrlRules = {
  permalinks: [],
  uglyURLs: false,
  lowercase: true,
  removePathAccents: false,
  languagePrefix: '',
};

/** What Hugo reads to place a page. */
export interface PageFacts {
  /** Path under content/ without a language suffix: `posts/guides/setup.md`, `posts/b/index.md`. */
  contentPath: string;
  /** The page's section and its parents, top first (`['posts', 'guides']`); [] for a top-level page. */
  sections: string[];
  /** Front-matter `slug` as written ('' when absent). */
  slug: string;
  /** Front-matter `url` as written ('' when absent). */
  url: string;
  title: string;
  /** The page's `.Date` as written; null when it has none (Hugo's zero date). */
  date: WallClock | null;
}

export class PermalinkError extends Error {}

function isAllowed(s: string, i: number, ch: string): boolean {
  if (/[\p{L}\p{N}\p{M}]/u.test(ch) || './\\_#+~-@'.includes(ch)) return true;
  return ch === '%' && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3));
}

/**
 * Hugo's path sanitizer: letters, digits, marks and `./\_#+~-@` are kept, a run of spaces becomes
 * one hyphen (none next to a hyphen), anything else is dropped; then lowercased unless told not to.
 */
export function sanitizePath(
  s: string,
  rules: Pick<UrlRules, 'lowercase' | 'removePathAccents'> = DEFAULT_URL_RULES,
): string {
  // Most paths are already plain: nothing to drop or join.
  if (/^[a-z0-9._/#+~@-]*$/.test(s)) return s;
  const chars = [...s];
  let out = '';
  let pendingHyphen = false;
  let wasHyphen = false;
  let offset = 0;
  for (const ch of chars) {
    if (ch !== ' ' && isAllowed(s, offset, ch)) {
      wasHyphen = ch === '-';
      if (pendingHyphen && !wasHyphen) out += '-';
      pendingHyphen = false;
      out += ch;
    } else if (out.length > 0 && !wasHyphen && /\s/u.test(ch)) {
      pendingHyphen = true;
    }
    offset += ch.length;
  }
  if (rules.removePathAccents)
    out = out
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .normalize('NFC');
  return rules.lowercase ? out.toLowerCase() : out;
}

/**
 * sanitizePath of a part that a `/` (or `.html`) follows in the URL Hugo sanitizes whole: spaces at
 * its end become the hyphen the separator makes them (`can we .md` is served at `/can-we-/`).
 */
function sanitizeBeforeSeparator(part: string, rules: Pick<UrlRules, 'lowercase' | 'removePathAccents'>): string {
  const out = sanitizePath(part, rules);
  return /\s$/u.test(part) && out !== '' && !out.endsWith('-') && !out.endsWith('/') ? `${out}-` : out;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The page's file name without extension and language, or its bundle's folder name. */
export function contentBaseName(contentPath: string): string {
  const parts = contentPath.split('/').filter(Boolean);
  const file = parts.at(-1) ?? '';
  if (/^index\.[^.]+$/.test(file)) return parts.at(-2) ?? '';
  return file.replace(/\.[^.]*$/, '');
}

/** The folder holding the page (for a bundle, the folder holding the bundle). */
function containerDir(contentPath: string): string {
  const parts = contentPath.split('/').filter(Boolean);
  parts.pop();
  if (/^index\.[^.]+$/.test(contentPath.split('/').at(-1) ?? '')) parts.pop();
  return parts.join('/');
}

/** Hugo's `:sections[1:]`, `[:last]`, `[last]`, `[2]`: lenient, never out of bounds. */
function sliceOf(list: string[], cut: string): string[] {
  const spec = cut.slice(1, -1).trim().toLowerCase();
  const at = (s: string, low: boolean) => {
    if (s === '') return low ? 0 : list.length;
    if (s === 'last') return list.length - 1;
    const n = Math.max(0, Number.parseInt(s, 10) || 0);
    return n >= list.length ? (low ? -1 : list.length) : n;
  };
  if (list.length === 0) return [];
  if (!spec.includes(':')) {
    const n = at(spec, true);
    return n < 0 ? [] : [list[n]!].filter(Boolean);
  }
  const [lo = '', hi = ''] = spec.split(':');
  const [a, b] = [at(lo, true), at(hi, false)];
  return a < 0 || b < 0 ? [] : list.slice(a, b);
}

function dateToken(date: WallClock | null, token: string): string | null {
  // A page without a date has Go's zero time: year 1, January 1, a Monday.
  const d = date ?? { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  const utc = new Date(Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second));
  if (d.year < 100) utc.setUTCFullYear(d.year);
  const dayOfYear = Math.round((utc.getTime() - new Date(utc).setUTCMonth(0, 1)) / 86_400_000) + 1;
  switch (token) {
    case 'year':
      return String(d.year);
    case 'month':
      return pad2(d.month);
    case 'monthname':
      return MONTH_NAMES[d.month - 1] ?? '';
    case 'day':
      return pad2(d.day);
    case 'weekday':
      return String(utc.getUTCDay());
    case 'weekdayname':
      return DAY_NAMES[utc.getUTCDay()] ?? '';
    case 'yearday':
      return String(dayOfYear);
  }
  // Any Go layout (`:2006`, `:01`, `:Jan`): a token with at least one layout element.
  if (layoutChunks(token).some((c) => c.kind !== 'literal')) return formatDate(utc, token, 'UTC');
  return null;
}

const TOKEN = /:\w+(\[.+?\])?/g;
/** Stands for `\:` (a colon that is not a token) while tokens are filled in. */
const ESCAPED_COLON = '\u0000';

function tokenValue(page: PageFacts, token: string, rules: UrlRules): string | null {
  const urlize = (s: string) => sanitizePath(s, rules);
  const slugOr = (fallback: () => string) => (page.slug ? urlize(page.slug) : fallback());
  const base = () => urlize(contentBaseName(page.contentPath));
  const sliced = /^(sections|sectionslugs)(\[.+\])$/.exec(token);
  if (sliced)
    return sliceOf(
      page.sections.map((s) => urlize(s)),
      sliced[2]!,
    ).join('/');
  switch (token) {
    case 'section':
    case 'sectionslug':
      return page.sections[0] ?? '';
    case 'sections':
    case 'sectionslugs':
      return page.sections.join('/');
    case 'title':
      return urlize(page.title);
    case 'slug':
      return slugOr(() => urlize(page.title));
    case 'filename':
    case 'contentbasename':
      return base();
    case 'slugorfilename':
    case 'slugorcontentbasename':
      return slugOr(base);
  }
  return dateToken(page.date, token);
}

/** A pattern's problem (an unknown token), or null when Hugo would accept it. */
export function permalinkProblem(pattern: string): string | null {
  const probe: PageFacts = {
    contentPath: 'a/b.md',
    sections: ['a'],
    slug: '',
    url: '',
    title: 't',
    date: null,
  };
  for (const [token] of pattern.replace(/\\:/g, '').matchAll(TOKEN)) {
    if (tokenValue(probe, token.slice(1), DEFAULT_URL_RULES) === null)
      return `${token} is not a permalink token Hugo knows`;
  }
  return null;
}

/** A permalink pattern filled in for a page (`/:year/:month/:slug/` → `/2024/04/hello/`), unsanitized. */
export function expandPermalink(
  pattern: string,
  page: PageFacts,
  rules: UrlRules = DEFAULT_URL_RULES,
): string {
  const escaped = pattern.split('\\:').join(ESCAPED_COLON);
  const filled = escaped.replace(TOKEN, (token) => {
    const value = tokenValue(page, token.slice(1), rules);
    if (value === null) throw new PermalinkError(`${token} is not a permalink token Hugo knows`);
    return value;
  });
  return filled.split(ESCAPED_COLON).join(':');
}

/** The permalink rule for a page: the longest section path that holds it. */
function ruleFor(page: PageFacts, rules: UrlRules): PermalinkRule | undefined {
  const pagePath = [containerDir(page.contentPath), contentBaseName(page.contentPath)]
    .filter(Boolean)
    .join('/')
    .toLowerCase();
  const holds = (section: string) =>
    section === '' ? !pagePath.includes('/') : pagePath === section || pagePath.startsWith(`${section}/`);
  return [...rules.permalinks]
    .filter((r) => holds(r.section.toLowerCase()))
    .sort((a, b) => b.section.length - a.section.length)[0];
}

/** Does Hugo write this page as `name.html` (uglyURLs)? Its aliases then end in `.html` too. */
export const isUgly = (page: Pick<PageFacts, 'sections'>, rules: UrlRules) =>
  typeof rules.uglyURLs === 'boolean' ? rules.uglyURLs : rules.uglyURLs[page.sections[0] ?? ''] === true;

/** Go's path.Join: cleaned, with no trailing slash (Node's keeps one). */
function join(...parts: string[]): string {
  const joined = path.posix.join(...parts);
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

const hasScheme = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

/** The site path Hugo serves a regular page at (`/posts/hello/`, `/posts/hello.html`), undecoded. */
export function hugoPageUrl(page: PageFacts, rules: UrlRules = DEFAULT_URL_RULES): string {
  const prefix = rules.languagePrefix ? `/${rules.languagePrefix}` : '';
  if (page.url && !hasScheme(page.url)) {
    let url = page.url.replace(/\\/g, '/');
    if (url.includes('..')) url = join('/', url);
    const joined = join('/', url);
    const asFolder = url.endsWith('/') || !url.includes('.');
    const link = asFolder && joined !== '/' ? `${joined}/` : joined;
    // A url without a leading slash is relative to the language's root.
    return url.startsWith('/') ? link : `${prefix}${link}`;
  }
  const rule = ruleFor(page, rules);
  const parts = rule
    ? [expandPermalink(rule.pattern, page, rules)]
    : [containerDir(page.contentPath), page.slug || contentBaseName(page.contentPath)];
  const joined = join('/', ...parts.map((p) => sanitizeBeforeSeparator(p, rules)));
  if (isUgly(page, rules) && joined !== '/') return `${prefix}${joined}.html`;
  return `${prefix}${joined === '/' ? '' : joined}/`;
}

/**
 * An alias as Hugo writes it: an absolute one as written, a relative one next to the page (from
 * the folder holding the page's URL); with uglyURLs it gets `.html`; it is a folder (`/x/`)
 * unless it ends in `.html`. Throws for an alias at the site's root, which Hugo refuses.
 */
export function resolveAlias(alias: string, pageUrl: string, ugly = false): string {
  let resolved: string;
  if (alias.startsWith('/')) {
    resolved = join('/', alias);
  } else {
    const pageDir = pageUrl.endsWith('/') ? pageUrl.slice(0, -1) : pageUrl.replace(/\.html$/, '');
    resolved = join(pageDir || '/', '..', alias);
  }
  if (ugly && !resolved.endsWith('.html')) resolved += '.html';
  if (resolved === '/' || resolved === '.')
    throw new Error(`alias ${JSON.stringify(alias)} points at the home page`);
  return resolved.endsWith('.html') ? resolved : `${resolved}/`;
}

/** Where Byline serves a post or a page. */
export const bylineUrl = (type: PostType, slug: string) =>
  type === 'page' ? `/${slug}/` : `/posts/${slug}/`;
