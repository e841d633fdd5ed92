/**
 * The pages of a Hugo site, sorted the way its content folder is: regular pages of the main
 * sections are posts, every other regular page (top-level pages, top-level bundles, pages of the
 * other sections) is a page; `_index.md` files are section pages and translations are set
 * aside, both named in the report. See docs/decisions/015-hugo-sections-urls-translations.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PostType } from '../content/types.js';
import { readHugoConfig, type HugoConfig } from './hugo-config.js';
import { isMarkdownName, isOtherContentName, splitContentName } from './hugo-names.js';

export interface HugoFile {
  /** Path relative to the directory given to `findHugoFiles`, with `/` separators: for messages. */
  relPath: string;
  absPath: string;
  /** Path under the language's content folder, language suffix removed (`posts/x.md`): what Hugo names the page by. */
  contentPath: string;
  type: PostType;
  /** The page's section and its parents, top first (`['posts', 'guides']`); [] for a top-level page. */
  sections: string[];
  /** A page bundle (`name/index.md`): the files beside it are its own. */
  bundle: boolean;
}

export interface SkippedEntry {
  file: string;
  reason: string;
}

export interface HugoTree {
  files: HugoFile[];
  /** Files understood that are not imported: section pages and translations. */
  skipped: SkippedEntry[];
  sectionPages: string[];
  translations: SkippedEntry[];
  /** Content Byline cannot import (other formats than Markdown): failures. */
  unsupported: SkippedEntry[];
  config: HugoConfig;
  /** The sections whose pages are posts. */
  mainSections: string[];
  /** Absolute folders of the site's static files. */
  staticDirs: string[];
}

async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

async function entries(dir: string) {
  const all = await fs.readdir(dir, { withFileTypes: true });
  return all.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
}

const slashed = (from: string, to: string) => path.relative(from, to).split(path.sep).join('/');
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Found {
  absPath: string;
  contentPath: string;
  sections: string[];
  bundle: boolean;
}

interface Walk {
  /** The folder `relPath`s are relative to. */
  siteDir: string;
  /** The folder `contentPath`s are relative to. */
  contentBase: string;
  config: HugoConfig;
  /** The language of the folder walked when it is not the default one. */
  folderLanguage: string | null;
  /** Other languages' folders inside this one: walked on their own. */
  exclude: Set<string>;
  pages: Found[];
  tree: Pick<HugoTree, 'sectionPages' | 'translations' | 'unsupported'>;
}

/** Sorts one Markdown file: a page of the default language, a translation, or a section page. */
function take(w: Walk, abs: string, sections: string[], bundle: boolean): void {
  const dir = path.dirname(abs);
  const name = splitContentName(path.basename(abs), w.config.languages);
  const contentPath = slashed(w.contentBase, path.join(dir, name.plain));
  const lang = w.folderLanguage ?? (name.lang !== w.config.defaultLanguage ? name.lang : null);
  const file = slashed(w.siteDir, abs);
  if (lang) w.tree.translations.push({ file, reason: `translation (${lang}) of ${contentPath}` });
  else if (name.base === '_index') w.tree.sectionPages.push(file);
  else w.pages.push({ absPath: abs, contentPath, sections, bundle });
}

async function walk(w: Walk, dir: string, sections: string[], depth: number): Promise<void> {
  const list = await entries(dir);
  const markdown = list.filter((e) => e.isFile() && isMarkdownName(e.name));
  const indexes = markdown.filter((e) => splitContentName(e.name, w.config.languages).base === 'index');
  // A page bundle: its other files (Markdown included) are its resources, not pages.
  if (depth > 0 && indexes.length > 0) {
    for (const e of indexes) take(w, path.join(dir, e.name), sections, true);
    return;
  }
  const isSection =
    depth === 1 || markdown.some((e) => splitContentName(e.name, w.config.languages).base === '_index');
  const here = depth === 0 || !isSection ? sections : [...sections, path.basename(dir).toLowerCase()];
  for (const e of list) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!w.exclude.has(abs)) await walk(w, abs, here, depth + 1);
    } else if (e.isFile() && isMarkdownName(e.name)) {
      take(w, abs, here, false);
    } else if (e.isFile() && isOtherContentName(e.name)) {
      w.tree.unsupported.push({
        file: slashed(w.siteDir, abs),
        reason: `${path.extname(e.name)} content is not imported; only Markdown pages are`,
      });
    }
  }
}

/** Hugo's default main section: the top-level section with the most pages (the first by name on a tie). */
function busiestSection(pages: Found[]): string[] {
  const counts = new Map<string, number>();
  for (const p of pages) if (p.sections[0]) counts.set(p.sections[0], (counts.get(p.sections[0]) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || byPath(a[0], b[0]));
  return ranked.length > 0 ? [ranked[0]![0]] : [];
}

interface Roots {
  /** Where the default language's content is walked from, and at which depth it starts. */
  start: string;
  depth: number;
  contentBase: string;
}

async function findRoots(dir: string, config: HugoConfig): Promise<Roots> {
  const contentDir = path.resolve(dir, config.contentDir);
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

/** The posts and static pages of a Hugo site (or of a content folder given directly), sorted by path. */
export async function findHugoFiles(siteDir: string): Promise<HugoTree> {
  const dir = path.resolve(siteDir);
  const config = await readHugoConfig(dir);
  const roots = await findRoots(dir, config);
  const tree: Pick<HugoTree, 'sectionPages' | 'translations' | 'unsupported'> = {
    sectionPages: [],
    translations: [],
    unsupported: [],
  };
  const others = [...config.languageDirs].map(([lang, rel]) => ({ lang, abs: path.resolve(dir, rel) }));
  const base = { siteDir: dir, config, tree, pages: [] as Found[] };
  const main: Walk = {
    ...base,
    contentBase: roots.contentBase,
    folderLanguage: null,
    exclude: new Set(others.map((o) => o.abs)),
  };
  await walk(main, roots.start, [], roots.depth);
  for (const other of others) {
    if (!(await isDir(other.abs))) continue;
    await walk(
      { ...base, pages: [], contentBase: other.abs, folderLanguage: other.lang, exclude: new Set() },
      other.abs,
      [],
      0,
    );
  }
  if (
    main.pages.length === 0 &&
    tree.sectionPages.length === 0 &&
    tree.translations.length === 0 &&
    tree.unsupported.length === 0
  ) {
    throw new Error(`${roots.start} holds no Markdown pages`);
  }
  const mainSections = config.mainSections ?? busiestSection(main.pages);
  const files: HugoFile[] = main.pages.map((p) => ({
    relPath: slashed(dir, p.absPath),
    absPath: p.absPath,
    contentPath: p.contentPath,
    type: p.sections[0] !== undefined && mainSections.includes(p.sections[0]) ? 'post' : 'page',
    sections: p.sections,
    bundle: p.bundle,
  }));
  files.sort((a, b) => byPath(a.relPath, b.relPath));
  tree.sectionPages.sort(byPath);
  tree.translations.sort((a, b) => byPath(a.file, b.file));
  tree.unsupported.sort((a, b) => byPath(a.file, b.file));
  const skipped = [
    ...tree.sectionPages.map((file) => ({ file, reason: 'section page' })),
    ...tree.translations,
  ];
  skipped.sort((a, b) => byPath(a.file, b.file));
  return {
    files,
    skipped,
    ...tree,
    config,
    mainSections,
    staticDirs: config.staticDirs.map((d) => path.resolve(dir, d)),
  };
}
