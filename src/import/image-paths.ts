/** From an image address in an imported post to the file it names inside the site folder. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ImageRefKind } from '../content/image-refs.js';
import { isInside } from './site-paths.js';

/** Hugo's baseURL as host and path (the path ending in `/`). */
export interface SiteBase {
  host: string;
  path: string;
}

/** The site's base from Hugo's baseURL, or null when not given or not an http(s) URL. */
export function parseBase(baseUrl: string | undefined): SiteBase | null {
  if (!baseUrl) return null;
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return { host: u.host.toLowerCase(), path: u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/` };
  } catch {
    return null;
  }
}

/** `https://example.org/blog/images/x.png` → `/images/x.png` when that is the site's own address, else null. */
function ownPath(url: string, base: SiteBase | null): string | null {
  if (!base || !/^(?:https?:)?\/\//i.test(url)) return null;
  try {
    const u = new URL(url, 'https://invalid.invalid/');
    if (u.host.toLowerCase() !== base.host || !u.pathname.startsWith(base.path)) return null;
    return `/${u.pathname.slice(base.path.length)}${u.search}${u.hash}`;
  } catch {
    return null;
  }
}

/** A scheme (`https:`, `data:`, `mailto:`) or a protocol-relative `//host`: not a file of the site. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

export type LocalAddress = { path: string; fragment: string } | null;

/**
 * The site path an address names — query dropped, `#fragment` kept apart, %-escapes, Markdown
 * backslash escapes and HTML entities undone as its syntax says — or null for a remote address.
 */
export function localAddress(
  ref: { url: string; kind: ImageRefKind | 'cover' },
  base: SiteBase | null,
): LocalAddress {
  const url = ref.url.trim();
  const own = ownPath(url, base);
  if (!url || (own === null && REMOTE.test(url))) return null;
  const written = own ?? url;
  const fragment = /#.*$/s.exec(written)?.[0] ?? '';
  let p = written.replace(/[?#].*$/s, '');
  if (ref.kind === 'html' || ref.kind === 'srcset')
    p = p.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e]!);
  if (ref.kind === 'image' || ref.kind === 'link' || ref.kind === 'definition')
    p = p.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  try {
    p = decodeURIComponent(p);
  } catch {
    // A stray % is part of the name.
  }
  return { path: p, fragment };
}

/**
 * Where a site path may be, in order. `/x` is in the static folders (Hugo serves them at the
 * root); a relative one is beside the Markdown file first for a page bundle, the static folders
 * first otherwise (how a theme resolves a cover of a plain post).
 */
export function candidateFiles(
  wanted: string,
  where: { fileDir: string; bundle: boolean; staticDirs: string[]; base: SiteBase | null },
): string[] {
  const { base, staticDirs } = where;
  // A site served under a path (`https://example.org/blog/`) writes `/blog/images/x.png`.
  const underBase =
    base && base.path !== '/' && wanted.startsWith(base.path) ? `/${wanted.slice(base.path.length)}` : null;
  const inStatic = [wanted, ...(underBase ? [underBase] : [])].flatMap((w) =>
    staticDirs.map((d) => path.join(d, w)),
  );
  if (wanted.startsWith('/')) return inStatic;
  const beside = path.resolve(where.fileDir, wanted);
  return where.bundle ? [beside, ...inStatic] : [...inStatic, beside];
}

export type Located = { file: string } | { missing: true } | { outside: true };

/**
 * The first candidate that is a file inside `siteDir`, its symlinks followed. A candidate outside
 * the site is never even looked at: whether a file exists there is none of the import's business.
 */
export async function locateInside(
  siteDir: string,
  realSiteDir: string,
  candidates: string[],
): Promise<Located> {
  let outside = false;
  for (const candidate of candidates) {
    if (!isInside(siteDir, candidate)) {
      outside = true;
      continue;
    }
    const real = await fs.realpath(candidate).catch(() => null);
    if (!real) continue;
    if (!isInside(realSiteDir, real)) {
      outside = true;
      continue;
    }
    if ((await fs.stat(real)).isFile()) return { file: real };
  }
  return outside ? { outside: true } : { missing: true };
}
