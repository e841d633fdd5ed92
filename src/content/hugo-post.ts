import path from 'node:path';
import { FrontMatterError, frontMatterKeyLine, parseFrontMatter } from './front-matter.js';
import { slugify } from './slug.js';
import type { PostInput, PostType } from './types.js';

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
  text: string;
  values: Map<Field, { key: string; value: unknown }>;
}

function fail(src: Source, field: Field, message: string): never {
  const key = src.values.get(field)?.key ?? field;
  throw new FrontMatterError(message, frontMatterKeyLine(src.text, key) ?? 1);
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

function list(src: Source, field: Field): string[] {
  const value = src.values.get(field)?.value;
  if (isBlank(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((item) => typeof item === 'object' && item !== null)) {
    fail(src, field, `${field} must be a word or a list of words`);
  }
  const words = items.filter((item) => !isBlank(item)).map((item) => String(item).trim());
  return [...new Set(words)];
}

function truthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?[ \t]*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Hugo's date forms; without an offset the time is UTC, a date alone is midnight UTC. */
export function parseHugoDate(value: unknown): Date | null {
  if (value instanceof Date) {
    const timeOnly = (value as { isTime?: () => boolean }).isTime?.() === true;
    return timeOnly || Number.isNaN(value.getTime()) ? null : new Date(value.getTime());
  }
  if (typeof value !== 'string') return null;
  const m = DATE_PATTERN.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Math.round(Number(m[7] ?? 0) * 1000);
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  const valid =
    local.getUTCFullYear() === y && local.getUTCMonth() === mo - 1 && local.getUTCDate() === d &&
    local.getUTCHours() === h && local.getUTCMinutes() === mi && local.getUTCSeconds() === s;
  if (!valid) return null;
  const zone = m[8]?.toUpperCase();
  if (!zone || zone === 'Z') return local;
  const digits = zone.replace(':', '');
  const offset = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
  return new Date(local.getTime() - (zone.startsWith('-') ? -offset : offset) * 60_000);
}

function date(src: Source, field: Field): Date | null {
  const value = src.values.get(field)?.value;
  if (isBlank(value)) return null;
  const parsed = parseHugoDate(value);
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
  if (typeof n !== 'number' || !Number.isFinite(n)) fail(src, 'weight', `weight ${JSON.stringify(value)} is not a number`);
  return Math.trunc(n) || null;
}

/** `posts/x.md` → ['posts', 'x']; `posts/x/index.md` (a page bundle) → ['posts', 'x']. */
function pagePath(relPath: string): string[] {
  const parts = relPath.replace(/\\/g, '/').split('/').filter(Boolean);
  const file = parts.pop() ?? '';
  return file === 'index.md' ? parts : [...parts, file.replace(/\.[^.]*$/, '')];
}

/** Like Hugo: a relative alias sits next to the page, an absolute one is kept; both end in `/` unless they name a file. */
export function normalizeAlias(alias: string, pageDir: string): string {
  const resolved = path.posix.normalize(alias.startsWith('/') ? alias : path.posix.join('/', pageDir, alias));
  return /\.html?$/i.test(resolved) || resolved.endsWith('/') ? resolved : `${resolved}/`;
}

function aliases(src: Source, pageDir: string): string[] {
  const written = list(src, 'aliases');
  const remote = written.find((a) => /^[a-z][a-z0-9+.-]*:/i.test(a));
  if (remote) fail(src, 'aliases', `alias ${JSON.stringify(remote)} must be a path on this site, not a full URL`);
  return [...new Set(written.map((a) => normalizeAlias(a, pageDir)))];
}

/** Front-matter values as plain JSON data: TOML dates become the text they were written as. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * A Hugo content file as a PostInput. `relPath` is the path under `content/` (e.g. `posts/x.md`),
 * used for the default slug and for relative aliases. Throws FrontMatterError with the file line.
 */
export function postFromHugo(file: { relPath: string; text: string }, opts: { now: Date; type?: PostType }): PostInput {
  const { data, body } = parseFrontMatter(file.text);
  const src: Source = { text: file.text, values: new Map() };
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = FIELD_BY_KEY.get(key.toLowerCase());
    if (!field) extra[key] = plain(value);
    else if (!src.values.has(field) || isBlank(src.values.get(field)?.value)) src.values.set(field, { key, value });
  }

  const title = text(src, 'title');
  if (!title) fail(src, 'title', 'front matter has no title');
  const segments = pagePath(file.relPath);
  const slug = slugify(text(src, 'slug') || (segments.at(-1) ?? ''));
  if (!slug) fail(src, 'slug', `cannot make a URL slug from ${JSON.stringify(file.relPath)}; add a slug to the front matter`);

  const draft = truthy(src.values.get('draft')?.value);
  const written = date(src, 'date');
  const publishDate = date(src, 'publishDate');
  // Hugo publishes at publishDate; a dateless draft waits for its publication to get a date.
  const publishedAt = publishDate ?? written ?? (draft ? null : opts.now);
  return {
    type: opts.type ?? 'post',
    slug,
    title,
    markdown: body,
    summarySource: text(src, 'summary'),
    description: text(src, 'description'),
    status: draft ? 'draft' : 'published',
    publishedAt,
    expiresAt: date(src, 'expiryDate'),
    // Hugo's lastmod falls back to date, then publishDate.
    updatedAt: date(src, 'lastmod') ?? written ?? publishDate,
    weight: weight(src),
    showToc: truthy(src.values.get('showToc')?.value),
    tags: list(src, 'tags'),
    categories: list(src, 'categories'),
    aliases: aliases(src, segments.slice(0, -1).join('/')),
    extra,
  };
}
