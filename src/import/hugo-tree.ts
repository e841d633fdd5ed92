import fs from 'node:fs/promises';
import path from 'node:path';
import type { PostType } from '../content/types.js';

export interface HugoFile {
  /** Path relative to the directory given to `findHugoFiles`, with `/` separators: for messages. */
  relPath: string;
  absPath: string;
  /** Path under Hugo's `content/` (e.g. `posts/x.md`): what `postFromHugo` reads slugs and aliases from. */
  contentPath: string;
  type: PostType;
}

export interface HugoTree {
  files: HugoFile[];
  /** Files that are understood but are not posts (`_index.md` section pages). */
  skipped: { file: string; reason: string }[];
}

async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isDirectory() ?? false;
}

async function isFile(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isFile() ?? false;
}

async function entries(dir: string) {
  const all = await fs.readdir(dir, { withFileTypes: true });
  return all.filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
}

const isMarkdown = (name: string) => name.toLowerCase().endsWith('.md');

async function hasMarkdown(dir: string): Promise<boolean> {
  return (await entries(dir)).some((e) => e.isFile() && isMarkdown(e.name));
}

interface Roots {
  postsDir: string;
  /** Hugo's `content/` folder when known: its top-level files are static pages. */
  contentDir: string | null;
  /** `content/`-relative path of postsDir, e.g. `posts`. */
  section: string;
}

async function findRoots(dir: string): Promise<Roots> {
  for (const contentDir of [path.join(dir, 'content'), dir]) {
    for (const section of ['posts', 'post']) {
      const postsDir = path.join(contentDir, section);
      if (await isDir(postsDir)) return { postsDir, contentDir, section };
    }
  }
  if (await isDir(path.join(dir, 'content'))) {
    throw new Error(`${dir}/content has no posts/ or post/ folder; give the folder that holds the posts instead`);
  }
  if (await hasMarkdown(dir)) {
    // A content folder given directly: its name is the section (`…/content/blog` → `blog`).
    const name = path.basename(dir);
    return { postsDir: dir, contentDir: null, section: name === 'content' ? '' : name };
  }
  throw new Error(`${dir} holds no Hugo content: expected content/posts/, content/post/ or Markdown files`);
}

interface Sink {
  add: (absPath: string, type: PostType) => void;
  skip: (absPath: string, reason: string) => void;
}

/** Walks a posts folder: every `*.md`, a page bundle (`name/index.md`) as one post, `_index.md` skipped. */
async function walkPosts(dir: string, top: boolean, sink: Sink): Promise<void> {
  const list = await entries(dir);
  // The rest of a page bundle is its resources, not posts.
  if (!top && list.some((e) => e.isFile() && e.name === 'index.md')) return sink.add(path.join(dir, 'index.md'), 'post');
  for (const e of list) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) await walkPosts(abs, false, sink);
    else if (e.isFile() && e.name === '_index.md') sink.skip(abs, 'section page');
    else if (e.isFile() && isMarkdown(e.name)) sink.add(abs, 'post');
  }
}

/** Static pages: top-level `*.md` of `content/` and top-level page bundles (`about/index.md`). */
async function findPages(roots: Roots & { contentDir: string }, sink: Sink): Promise<void> {
  for (const e of await entries(roots.contentDir)) {
    const abs = path.join(roots.contentDir, e.name);
    if (e.isFile() && e.name === '_index.md') sink.skip(abs, 'section page');
    else if (e.isFile() && isMarkdown(e.name)) sink.add(abs, 'page');
    else if (e.isDirectory() && abs !== roots.postsDir && (await isFile(path.join(abs, 'index.md')))) {
      sink.add(path.join(abs, 'index.md'), 'page');
    }
  }
}

const slashed = (from: string, to: string) => path.relative(from, to).split(path.sep).join('/');
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The posts and static pages of a Hugo site (or of a content folder given directly), sorted by path. */
export async function findHugoFiles(siteDir: string): Promise<HugoTree> {
  const dir = path.resolve(siteDir);
  const roots = await findRoots(dir);
  const contentBase = roots.contentDir ?? (roots.section ? path.dirname(roots.postsDir) : roots.postsDir);
  const tree: HugoTree = { files: [], skipped: [] };
  const sink: Sink = {
    add: (absPath, type) =>
      tree.files.push({ relPath: slashed(dir, absPath), absPath, contentPath: slashed(contentBase, absPath), type }),
    skip: (absPath, reason) => tree.skipped.push({ file: slashed(dir, absPath), reason }),
  };
  await walkPosts(roots.postsDir, true, sink);
  if (roots.contentDir) await findPages({ ...roots, contentDir: roots.contentDir }, sink);
  tree.files.sort((a, b) => byPath(a.relPath, b.relPath));
  tree.skipped.sort((a, b) => byPath(a.file, b.file));
  return tree;
}
