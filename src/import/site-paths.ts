/**
 * Keeping the import inside the site folder it is given. A path the configuration writes is
 * refused when it climbs out (`/elsewhere`, `../elsewhere`), and a path on disk when its real
 * path, symbolic links followed, lies outside the site's real path.
 * See docs/decisions/022-import-confinement.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** Why a path that leads out of the site, through a symbolic link, is not read. */
export const OUTSIDE_SITE = 'a symbolic link to outside the site folder; not read';

export const isInside = (root: string, p: string) => p === root || p.startsWith(root + path.sep);

/** The folder the import was given, as written and as the file system resolves it. */
export interface SiteRoot {
  dir: string;
  real: string;
}

export async function siteRoot(dir: string): Promise<SiteRoot> {
  const abs = path.resolve(dir);
  return { dir: abs, real: await fs.realpath(abs) };
}

/**
 * Why a folder written in the configuration (relative to the site) is not read, or null when it
 * stays inside. Checked on the text alone, before anything on disk is looked at.
 */
export function climbsOut(written: string): string | null {
  const p = written.replace(/\\/g, '/');
  if (path.posix.isAbsolute(p) || /^[a-z]:\//i.test(p)) return 'is an absolute path, outside the site folder';
  const normal = path.posix.normalize(p);
  return normal === '..' || normal.startsWith('../') ? 'climbs out of the site folder' : null;
}

export type RealPlace = { real: string } | { missing: true } | { outside: true };

/** Where `abs` really is, its symbolic links followed; `outside` when that is not inside the site. */
export async function realPlace(root: SiteRoot, abs: string): Promise<RealPlace> {
  if (!isInside(root.dir, abs)) return { outside: true };
  const real = await fs.realpath(abs).catch(() => null);
  if (!real) return { missing: true };
  return isInside(root.real, real) ? { real } : { outside: true };
}

/** A site-relative path with `/` separators, for messages. */
export const siteRelative = (root: SiteRoot, abs: string) =>
  path.relative(root.dir, abs).split(path.sep).join('/') || '.';
