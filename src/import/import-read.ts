/**
 * The first half of an import: every file of the tree read and parsed, sorted as Hugo lists it
 * (a post, a page, or set aside because Hugo renders no page for it), and given its Byline slug
 * and the old URL that must answer 301 to it.
 */
import fs from 'node:fs/promises';
import { readHugoPage, type HugoPage } from '../content/hugo-post.js';
import { bylineUrl } from '../content/hugo-urls.js';
import type { HugoFile, HugoTree } from './hugo-tree.js';
import type { RenamedSlug, SkippedFile } from './import-report.js';
import { chooseSlugs } from './import-slugs.js';

/** Lists and feeds Byline serves itself: a Hugo page there (PaperMod's search and archives pages) is not needed. */
const BYLINE_PATHS = new Set([
  '/',
  '/posts/',
  '/tags/',
  '/categories/',
  '/series/',
  '/archives/',
  '/search/',
]);

/** A file after reading: a page to import, a failure, or a page understood and set aside. */
export type Read =
  /** `notice`: why a page of a main section is imported as a page (Hugo does not list it). */
  | { file: HugoFile; page: HugoPage; notice?: string }
  | { file: HugoFile; error: unknown }
  | { file: HugoFile; aside: SkippedFile };

/** A page as Hugo lists it: in a main section (by its `type`), rendered and listed, or not. */
function classify(file: HugoFile, page: HugoPage, tree: HugoTree): Read {
  const aside = (reason: string) => ({ file, aside: { file: file.relPath, reason } });
  const { build } = page;
  if (build.headless) return aside('headless bundle: Hugo renders no page for it');
  if (build.render !== 'always')
    return aside(`build.render is "${build.render}": Hugo renders no page for it`);
  if (BYLINE_PATHS.has(page.url)) return aside(`Byline serves its own ${page.url}`);
  let type = file.type;
  let notice: string | undefined;
  // PaperMod lists the pages whose type (front-matter `type`, else section) is a main section.
  if (page.pageType) type = tree.mainSections.includes(page.pageType) ? 'post' : 'page';
  if (type === 'page' && file.type === 'post') {
    notice = `type "${page.pageType}" is not a main section (${tree.mainSections.join(', ')}): imported as a page, as PaperMod does not list it`;
  }
  if (type === 'post' && build.list !== 'always') {
    type = 'page';
    notice = `build.list is "${build.list}": imported as a page, as Hugo does not list it`;
  }
  if (page.titleFromFileName) {
    const titled = `no title in the front matter: titled “${page.input.title}” after its file name`;
    notice = notice ? `${notice}; ${titled}` : titled;
  }
  const read = { file, page: { ...page, input: { ...page.input, type } } };
  return notice ? { ...read, notice } : read;
}

function readFile(file: HugoFile, text: string, tree: HugoTree, now: Date): Read {
  const { config } = tree;
  const page = readHugoPage(
    { relPath: file.contentPath, text },
    {
      now,
      type: file.type,
      sections: file.sections,
      rules: config.rules,
      timeZone: config.timeZone,
      filenameDates: config.filenameDates,
    },
  );
  return classify(file, page, tree);
}

/** Every file of the tree read and parsed, in order, the next file read while this one is parsed. */
export async function readAll(tree: HugoTree, now: Date): Promise<Read[]> {
  const read = (i: number) => {
    const file = tree.files[i];
    return file ? fs.readFile(file.absPath, 'utf8').catch((error: unknown) => error as Error) : null;
  };
  const out: Read[] = [];
  let next = read(0);
  for (const [i, file] of tree.files.entries()) {
    const text = await next;
    next = read(i + 1);
    try {
      if (text instanceof Error) throw text;
      out.push(readFile(file, text ?? '', tree, now));
    } catch (error) {
      out.push({ file, error });
    }
  }
  return out;
}

/** Gives each page its Byline slug and the old URLs that must answer 301 to it. */
export function settleSlugs(reads: Read[]): { reads: Read[]; renamed: Map<HugoFile, RenamedSlug> } {
  const pages = reads.flatMap((r) => ('page' in r ? [r] : []));
  const choices = chooseSlugs(
    pages.map(({ file, page }) => ({
      file: file.relPath,
      contentPath: file.contentPath,
      type: page.input.type,
      slug: page.input.slug,
      hugoUrl: page.url,
    })),
  );
  const settled = new Map<HugoFile, Read>();
  const renamed = new Map<HugoFile, RenamedSlug>();
  pages.forEach(({ file, page, notice }, k) => {
    const choice = choices[k]!;
    if ('error' in choice) return settled.set(file, { file, error: new Error(choice.error) });
    const { type } = page.input;
    const oldPaths = page.url === bylineUrl(type, choice.slug) ? [] : [page.url];
    const input = { ...page.input, slug: choice.slug, oldPaths };
    settled.set(file, { file, page: { ...page, input }, ...(notice ? { notice } : {}) });
    if (choice.wanted !== undefined)
      renamed.set(file, {
        file: file.relPath,
        slug: choice.slug,
        wanted: choice.wanted,
        takenBy: choice.takenBy,
      });
  });
  return { reads: reads.map((r) => settled.get(r.file) ?? r), renamed };
}
