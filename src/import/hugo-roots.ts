/**
 * Where a Hugo site's content is: the default language's folder (or the folder given, when it is
 * a content folder itself) and the other languages' folders, each checked to lie inside the site.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { HugoConfig } from './hugo-config.js';
import { isMarkdownName } from './hugo-names.js';
import type { SkippedEntry } from './hugo-tree.js';
import { OUTSIDE_SITE, realPlace, siteRelative, type SiteRoot } from './site-paths.js';

export async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

/** A folder's entries, hidden ones left out, sorted by name. */
export async function entries(dir: string) {
  const all = await fs.readdir(dir, { withFileTypes: true });
  return all.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
}

export interface Roots {
  /** Where the default language's content is walked from, and at which depth it starts. */
  start: string;
  depth: number;
  contentBase: string;
}

/** Where the default language's content is walked from; null when its folder is not read. */
export async function findRoots(
  root: SiteRoot,
  config: HugoConfig,
  refuse: (entry: SkippedEntry) => void,
): Promise<Roots | null> {
  const dir = root.dir;
  // Refused by the configuration, which reports it with its line.
  if (config.contentDir === null) return null;
  const contentDir = path.resolve(dir, config.contentDir);
  if ('outside' in (await realPlace(root, contentDir))) {
    refuse({ file: siteRelative(root, contentDir), reason: OUTSIDE_SITE });
    return null;
  }
  if (config.files.length > 0 || (await isDir(contentDir))) {
    if (!(await isDir(contentDir)))
      throw new Error(`${dir} has no ${config.contentDir}/ folder; give the folder of the Hugo site`);
    return { start: contentDir, depth: 0, contentBase: contentDir };
  }
  const list = await entries(dir);
  const hasContent = list.some((e) => (e.isFile() && isMarkdownName(e.name)) || e.isDirectory());
  if (!hasContent)
    throw new Error(`${dir} holds no Hugo content: expected a content/ folder or Markdown files`);
  // A content folder given directly: `…/content` itself, or one section of it (`…/content/blog`).
  if (path.basename(dir) === 'content') return { start: dir, depth: 0, contentBase: dir };
  return { start: dir, depth: 1, contentBase: path.dirname(dir) };
}

/** The other languages' folders that are there, inside the site; one leading out is refused. */
export async function languageFolders(
  root: SiteRoot,
  config: HugoConfig,
  refuse: (entry: SkippedEntry) => void,
) {
  const found: { lang: string; abs: string }[] = [];
  for (const [lang, rel] of config.languageDirs) {
    const abs = path.resolve(root.dir, rel);
    const place = await realPlace(root, abs);
    if ('outside' in place) refuse({ file: siteRelative(root, abs), reason: OUTSIDE_SITE });
    else if ('real' in place && (await isDir(place.real))) found.push({ lang, abs });
  }
  return found;
}
