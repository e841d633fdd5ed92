import { FrontMatterError, frontMatterKeyLine, parseFrontMatter } from './front-matter.js';
import { readHugoDate, type WrittenDate } from './hugo-dates.js';
import {
  bylineUrl,
  contentBaseName,
  DEFAULT_URL_RULES,
  hugoPageUrl,
  isUgly,
  resolveAlias,
  type UrlRules,
} from './hugo-urls.js';
import { hasJsonFrontMatter, jsonKeyLine, parseJsonFrontMatter } from './json-front-matter.js';
import { slugify } from './slug.js';
import type { PostInput, PostType } from './types.js';

export { parseHugoDate } from './hugo-dates.js';

/** Front-matter keys Byline interprets, with the other spellings Hugo accepts. Hugo reads keys case-insensitively. */
const KNOWN_KEYS = {
  title: ['title'],
  date: ['date'],
  publishDate: ['publishdate', 'pubdate'],
  lastmod: ['lastmod', 'modified'],
  expiryDate: ['expirydate', 'unpublishdate'],
  draft: ['draft'],
  slug: ['slug'],
  summary: ['summary'],
  description: ['description'],
  weight: ['weight'],
  showToc: ['showtoc'],
  tags: ['tags'],
  categories: ['categories'],
  aliases: ['aliases'],
} as const;

type Field = keyof typeof KNOWN_KEYS;

const FIELD_BY_KEY = new Map<string, Field>(
  Object.entries(KNOWN_KEYS).flatMap(([field, keys]) => keys.map((k) => [k, field as Field] as const)),
);

/** True for a key that `postFromHugo` reads into a field (so it never belongs in `extra`). */
export function isKnownFrontMatterKey(key: string): boolean {
  return FIELD_BY_KEY.has(key.toLowerCase());
}

interface Source {
  keyLine: (key: string) => number | undefined;
  values: Map<Field, { key: string; value: unknown }>;
  timeZone: string | undefined;
}

function fail(src: Source, field: Field, message: string): never {
  const key = src.values.get(field)?.key ?? field;
  throw new FrontMatterError(message, src.keyLine(key) ?? 1);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function text(src: Source, field: Field): string {
  const value = src.values.get(field)?.value;
  if (isBlank(value)) return '';
  if (typeof value === 'object') fail(src, field, `${field} must be text, not a list or a table`);
  return String(value).trim();
}

function words(value: unknown): string[] | null {
  if (isBlank(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item === 'object' && item !== null)) return null;
  return [...new Set(items.filter((item) => !isBlank(item)).map((item) => String(item).trim()))];
}

function list(src: Source, field: Field): string[] {
  return (
    words(src.values.get(field)?.value) ?? fail(src, field, `${field} must be a word or a list of words`)
  );
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function date(src: Source, field: Field): WrittenDate | null {
  const value = src.values.get(field)?.value;
  if (isBlank(value)) return null;
  const parsed = readHugoDate(value, src.timeZone);
  if (!parsed) {
    const shown = value instanceof Date ? value.toISOString() : JSON.stringify(value);
    fail(src, field, `${field} ${shown} is not a date; write it like 2024-04-25 or 2024-04-25T10:00:00Z`);
  }
  return parsed;
}

function weight(src: Source): number | null {
  const value = src.values.get('weight')?.value;
  if (isBlank(value)) return null;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    fail(src, 'weight', `weight ${JSON.stringify(value)} is not a number`);
  return Math.trunc(n) || null;
}

/** Front-matter values as plain JSON data: TOML dates become the text they were written as. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** A key of a front-matter table, read case-insensitively as Hugo does. */
function keyOf(table: unknown, name: string): unknown {
  if (!table || typeof table !== 'object' || Array.isArray(table)) return undefined;
  const key = Object.keys(table).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (table as Record<string, unknown>)[key];
}

/** Hugo's build options: `headless: true`, or `build`/`_build` with `render` and `list`. */
export interface BuildOptions {
  render: 'always' | 'never' | 'link';
  list: 'always' | 'never' | 'local';
  headless: boolean;
}

function buildOptions(extra: Record<string, unknown>): BuildOptions {
  const headless = truthy(keyOf(extra, 'headless'));
  const build = keyOf(extra, 'build') ?? keyOf(extra, '_build');
  const said = (name: string) => {
    const v = keyOf(build, name);
    return v === false || (typeof v === 'string' && v.trim().toLowerCase() === 'false')
      ? 'never'
      : String(v ?? '')
          .trim()
          .toLowerCase();
  };
  const render = said('render');
  const listed = said('list');
  return {
    headless,
    render: headless || render === 'never' ? 'never' : render === 'link' ? 'link' : 'always',
    list: headless || listed === 'never' ? 'never' : listed === 'local' ? 'local' : 'always',
  };
}

/** PaperMod's `cover.image` (or a `cover` written as the image itself). */
function coverImageOf(extra: Record<string, unknown>): string {
  const cover = keyOf(extra, 'cover');
  const image = typeof cover === 'string' ? cover : keyOf(cover, 'image');
  return typeof image === 'string' ? image.trim() : '';
}

export interface HugoPageOptions {
  now: Date;
  type?: PostType;
  /** The page's section and its parents (`['posts', 'guides']`); by default its first folder. */
  sections?: string[];
  rules?: UrlRules;
  /** The site's `timeZone`: dates written without one are in it (UTC when unset). */
  timeZone?: string;
  /** Hugo's `:filename` date handler (`2024-04-25-name.md`): before front matter, or after it. */
  filenameDates?: 'first' | 'fallback' | null;
}

/** A Hugo content file read: the post, where Hugo served it, and what decides whether it is listed. */
export interface HugoPage {
  input: PostInput;
  /** The path Hugo served the page at (`/posts/guides/setup/`). */
  url: string;
  /** Front-matter `type`, lowercased; null when absent. */
  pageType: string | null;
  build: BuildOptions;
  /** True when the slug was written in the front matter (or by a dated file name). */
  slugGiven: boolean;
  /** True when the front matter has no title and the file's name stands in for it. */
  titleFromFileName: boolean;
}

function parse(textOf: string) {
  if (hasJsonFrontMatter(textOf)) {
    return { ...parseJsonFrontMatter(textOf), keyLine: (key: string) => jsonKeyLine(textOf, key) };
  }
  return { ...parseFrontMatter(textOf), keyLine: (key: string) => frontMatterKeyLine(textOf, key) };
}

/** The first folder holding the page, its section; [] for a top-level page or bundle. */
function defaultSections(relPath: string): string[] {
  const parts = relPath.split('/').filter(Boolean);
  const bundle = /^index\.[^.]+$/.test(parts.at(-1) ?? '');
  return parts.slice(0, bundle ? -2 : -1).slice(0, 1);
}

const DATED_NAME = /^(\d{4}-\d{2}-\d{2})-(.+)$/;

/**
 * A Hugo content file. `relPath` is the page's path under `content/` without a language suffix
 * (e.g. `posts/x.md`): the default slug, the page's Hugo URL and its relative aliases come from it.
 * Throws FrontMatterError with the file line.
 */
export function readHugoPage(file: { relPath: string; text: string }, opts: HugoPageOptions): HugoPage {
  const { data, body, keyLine } = parse(file.text);
  const src: Source = { keyLine, values: new Map(), timeZone: opts.timeZone };
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = FIELD_BY_KEY.get(key.toLowerCase());
    if (!field) extra[key] = plain(value);
    else if (!src.values.has(field) || isBlank(src.values.get(field)?.value))
      src.values.set(field, { key, value });
  }

  const rules = opts.rules ?? DEFAULT_URL_RULES;
  const baseName = contentBaseName(file.relPath);
  // Hugo builds a page without a title (and shows none); Byline needs one to list and edit it, so
  // the file's name stands in, and the import report says so.
  const writtenTitle = text(src, 'title');
  const title = writtenTitle || baseName.replace(/[-_\s]+/g, ' ').trim();
  if (!title) fail(src, 'title', 'front matter has no title');
  let writtenSlug = text(src, 'slug');
  let written = date(src, 'date');
  const dated = opts.filenameDates ? DATED_NAME.exec(baseName) : null;
  if (dated && (opts.filenameDates === 'first' || !written)) {
    written = readHugoDate(dated[1], opts.timeZone) ?? written;
    writtenSlug ||= dated[2]!;
  }
  const slug = slugify(writtenSlug || baseName);
  if (!slug)
    fail(
      src,
      'slug',
      `cannot make a URL slug from ${JSON.stringify(file.relPath)}; add a slug to the front matter`,
    );

  const draft = truthy(src.values.get('draft')?.value);
  const publishDate = date(src, 'publishDate');
  const lastmod = date(src, 'lastmod');
  const sections = opts.sections ?? defaultSections(file.relPath);
  const urlValue = keyOf(extra, 'url');
  const url = hugoPageUrl(
    {
      contentPath: file.relPath,
      sections,
      slug: writtenSlug,
      url: typeof urlValue === 'string' ? urlValue.trim() : '',
      title,
      // Hugo's .Date falls back to publishDate, then lastmod.
      date: (written ?? publishDate ?? lastmod)?.wall ?? null,
    },
    rules,
  );
  const aliases = list(src, 'aliases');
  const remote = aliases.find((a) => /^[a-z][a-z0-9+.-]*:/i.test(a));
  if (remote)
    fail(src, 'aliases', `alias ${JSON.stringify(remote)} must be a path on this site, not a full URL`);
  const resolved = aliases.map((a) => {
    try {
      return resolveAlias(a, url, isUgly({ sections }, rules));
    } catch (error) {
      return fail(src, 'aliases', (error as Error).message);
    }
  });

  const type = opts.type ?? 'post';
  const pageType = keyOf(extra, 'type');
  // Hugo publishes at publishDate. A page with no date at all is published with Hugo's zero date:
  // listed after every dated page, its date never shown. An undated published post is exactly
  // that in Byline (the public rule takes it, list order puts it last, the meta line skips it).
  const input: PostInput = {
    type,
    slug,
    title,
    markdown: body,
    summarySource: text(src, 'summary'),
    description: text(src, 'description'),
    status: draft ? 'draft' : 'published',
    publishedAt: publishDate?.instant ?? written?.instant ?? null,
    expiresAt: date(src, 'expiryDate')?.instant ?? null,
    // Hugo's lastmod falls back to date, then publishDate.
    updatedAt: (lastmod ?? written ?? publishDate)?.instant ?? null,
    weight: weight(src),
    showToc: truthy(src.values.get('showToc')?.value),
    tags: list(src, 'tags'),
    categories: list(src, 'categories'),
    aliases: [...new Set(resolved)],
    extra,
    // Kept in `extra` as well, so export writes them back as they were.
    series: words(keyOf(extra, 'series')) ?? [],
    coverImage: coverImageOf(extra),
  };
  input.oldPaths = url === bylineUrl(type, slug) ? [] : [url];
  return {
    input,
    url,
    pageType: typeof pageType === 'string' && pageType.trim() ? pageType.trim().toLowerCase() : null,
    build: buildOptions(extra),
    slugGiven: Boolean(writtenSlug),
    titleFromFileName: !writtenTitle,
  };
}

/**
 * A Hugo content file as a PostInput. `relPath` is the path under `content/` (e.g. `posts/x.md`),
 * used for the default slug and for relative aliases. Throws FrontMatterError with the file line.
 */
export function postFromHugo(file: { relPath: string; text: string }, opts: HugoPageOptions): PostInput {
  return readHugoPage(file, opts).input;
}
