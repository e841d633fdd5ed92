/**
 * The first half of an import: every file of the tree read and parsed, sorted as Hugo lists it
 * (a post, a page, or set aside because Hugo renders no page for it), and given its Byline slug
 * and the old URL that must answer 301 to it.
 */
import { readHugoPage, type HugoPage } from '../content/hugo-post.js';
import { bylineUrl } from '../content/hugo-urls.js';
import { formatBytes } from '../media/present.js';
import {
  ImportFileError,
  MAX_HELD_BYTES,
  MAX_MARKDOWN_BYTES,
  MAX_NESTING,
  readBounded,
  textOf,
} from './file-limits.js';
import { checkFrontMatterSize } from './front-matter-extent.js';
import type { HugoFile, HugoTree } from './hugo-tree.js';
import type { RenamedSlug, SkippedFile } from './import-report.js';
import { chooseSlugs } from './import-slugs.js';
import { nestsDeeperThan, tooDeepMessage } from '../content/front-matter-depth.js';

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

/** A content file's text, refused (with its line) when too large, not UTF-8 or its front matter too large. */
async function readText(absPath: string): Promise<string> {
  const text = textOf(await readBounded(absPath, MAX_MARKDOWN_BYTES, 'Markdown files'));
  checkFrontMatterSize(text);
  return text;
}

/** What is wrong with a page the parser took, or with a parser that gave up. */
function checked(read: Read): Read {
  if ('page' in read && nestsDeeperThan(read.page.input.extra, MAX_NESTING))
    return {
      file: read.file,
      error: new ImportFileError(tooDeepMessage, 1),
    };
  return read;
}

// A parser's recursion running out of stack: the front matter, which opens the file, nests too deep.
const asFileError = (error: unknown) =>
  error instanceof RangeError ? new ImportFileError('front matter nested too deeply to read', 1) : error;

/**
 * Every file of the tree read and parsed, in order, the next file read while this one is parsed.
 * Pages are held until they are saved: past `maxHeld` bytes of them, the rest are refused.
 */
export async function readAll(tree: HugoTree, now: Date, maxHeld = MAX_HELD_BYTES): Promise<Read[]> {
  const read = (i: number) => {
    const file = tree.files[i];
    return file ? readText(file.absPath).catch((error: unknown) => ({ error })) : null;
  };
  const out: Read[] = [];
  let held = 0;
  let next = read(0);
  for (const [i, file] of tree.files.entries()) {
    const text = await next;
    next = read(i + 1);
    try {
      if (text !== null && typeof text === 'object') throw text.error;
      const page = checked(readFile(file, text ?? '', tree, now));
      held += 'page' in page ? Buffer.byteLength(text ?? '') : 0;
      if (held > maxHeld)
        throw new ImportFileError(
          `the site's Markdown passes ${formatBytes(maxHeld)} here, more than one import holds; import the rest in parts`,
        );
      out.push(page);
    } catch (error) {
      out.push({ file, error: asFileError(error) });
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
