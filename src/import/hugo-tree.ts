/**
 * The pages of a Hugo site, sorted the way its content folder is: regular pages of the main
 * sections are posts, every other regular page (top-level pages, top-level bundles, pages of the
 * other sections) is a page; `_index.md` files are section pages and translations are set
 * aside, both named in the report. See docs/decisions/015-hugo-sections-urls-translations.md.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PostType } from '../content/types.js';
import { MAX_PAGES } from './file-limits.js';
import { readHugoConfig, type HugoConfig } from './hugo-config.js';
import { isMarkdownName, isOtherContentName, splitContentName } from './hugo-names.js';
import { entries, findRoots, languageFolders } from './hugo-roots.js';
import { OUTSIDE_SITE, realPlace, siteRoot, type SiteRoot } from './site-paths.js';

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
  /** Paths not read: leading outside the site folder, folders that cannot be listed, pages past MAX_PAGES. Failures. */
  refused: SkippedEntry[];
  config: HugoConfig;
  /** The sections whose pages are posts. */
  mainSections: string[];
  /** Absolute folders of the site's static files. */
  staticDirs: string[];
}

const slashed = (from: string, to: string) => path.relative(from, to).split(path.sep).join('/');
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Found {
  absPath: string;
  contentPath: string;
  sections: string[];
  bundle: boolean;
}

/** What the walk sorts out besides pages. */
interface Lists {
  sectionPages: string[];
  translations: SkippedEntry[];
  unsupported: SkippedEntry[];
  refused: SkippedEntry[];
  /** Symbolic links inside the site: not followed, set aside. */
  links: SkippedEntry[];
  /** Content files taken so far, against MAX_PAGES; `full` once one more was met. */
  count: number;
  full: boolean;
}

interface Walk {
  root: SiteRoot;
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
  tree: Lists;
}

/**
 * A symbolic link among the content is not followed (Hugo follows none there either) and is named
 * in the report; one leading out of the site is refused. Links to images are the image importer's.
 */
async function linkFound(w: Walk, abs: string, name: string): Promise<void> {
  const content = isMarkdownName(name) || isOtherContentName(name);
  if (!content && !(await fs.stat(abs).catch(() => null))?.isDirectory()) return;
  const file = slashed(w.siteDir, abs);
  if ('outside' in (await realPlace(w.root, abs))) w.tree.refused.push({ file, reason: OUTSIDE_SITE });
  else
    w.tree.links.push({
      file,
      reason: 'a symbolic link; not followed, as Hugo does not follow links in content',
    });
}

/** Sorts one Markdown file: a page of the default language, a translation, or a section page. */
function take(w: Walk, abs: string, sections: string[], bundle: boolean): void {
  const dir = path.dirname(abs);
  // Every page is held until the end of the import: past MAX_PAGES, the heap would be the limit.
  if (w.tree.count >= MAX_PAGES) {
    w.tree.full = true;
    w.tree.refused.push({
      file: slashed(w.siteDir, abs),
      reason: `more than ${MAX_PAGES} content files: this one and those after it are not read; import the site in parts`,
    });
    return;
  }
  w.tree.count += 1;
  const name = splitContentName(path.basename(abs), w.config.languages);
  const contentPath = slashed(w.contentBase, path.join(dir, name.plain));
  const lang = w.folderLanguage ?? (name.lang !== w.config.defaultLanguage ? name.lang : null);
  const file = slashed(w.siteDir, abs);
  if (lang) w.tree.translations.push({ file, reason: `translation (${lang}) of ${contentPath}` });
  else if (name.base === '_index') w.tree.sectionPages.push(file);
  else w.pages.push({ absPath: abs, contentPath, sections, bundle });
}

async function walk(w: Walk, dir: string, sections: string[], depth: number): Promise<void> {
  const list = await entries(dir).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    w.tree.refused.push({
      file: slashed(w.siteDir, dir),
      reason: `folder could not be read (${code}); its pages are not imported`,
    });
    return [];
  });
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
    if (w.tree.full) return;
    if (e.isDirectory()) {
      if (!w.exclude.has(abs)) await walk(w, abs, here, depth + 1);
    } else if (e.isFile() && isMarkdownName(e.name)) {
      take(w, abs, here, false);
    } else if (e.isFile() && isOtherContentName(e.name)) {
      w.tree.unsupported.push({
        file: slashed(w.siteDir, abs),
        reason: `${path.extname(e.name)} content is not imported; only Markdown pages are`,
      });
    } else if (e.isSymbolicLink()) {
      await linkFound(w, abs, e.name);
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

/** The posts and static pages of a Hugo site (or of a content folder given directly), sorted by path. */
export async function findHugoFiles(siteDir: string): Promise<HugoTree> {
  const root = await siteRoot(siteDir);
  const dir = root.dir;
  const config = await readHugoConfig(dir);
  const tree: Lists = {
    sectionPages: [],
    translations: [],
    unsupported: [],
    refused: [],
    links: [],
    count: 0,
    full: false,
  };
  const refuse = (entry: SkippedEntry) => tree.refused.push(entry);
  const roots = await findRoots(root, config, refuse);
  const others = await languageFolders(root, config, refuse);
  const base = { root, siteDir: dir, config, tree, pages: [] as Found[] };
  const main: Walk = {
    ...base,
    contentBase: roots?.contentBase ?? dir,
    folderLanguage: null,
    exclude: new Set(others.map((o) => o.abs)),
  };
  if (roots) await walk(main, roots.start, [], roots.depth);
  for (const other of others) {
    await walk(
      { ...base, pages: [], contentBase: other.abs, folderLanguage: other.lang, exclude: new Set() },
      other.abs,
      [],
      0,
    );
  }
  const found =
    main.pages.length + tree.sectionPages.length + tree.translations.length + tree.unsupported.length;
  // Nothing found because something was refused is for the report to say, not an error.
  if (found === 0 && tree.refused.length === 0 && config.problems.length === 0) {
    throw new Error(`${roots?.start ?? dir} holds no Markdown pages`);
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
  for (const list of [tree.translations, tree.unsupported, tree.refused])
    list.sort((a, b) => byPath(a.file, b.file));
  const skipped = [
    ...tree.sectionPages.map((file) => ({ file, reason: 'section page' })),
    ...tree.translations,
    ...tree.links,
  ];
  skipped.sort((a, b) => byPath(a.file, b.file));
  return {
    files,
    skipped,
    sectionPages: tree.sectionPages,
    translations: tree.translations,
    unsupported: tree.unsupported,
    refused: tree.refused,
    config,
    mainSections,
    staticDirs: config.staticDirs.map((d) => path.resolve(dir, d)),
  };
}
