/**
 * The ways a text goes through Byline, each as one call the bench can time: what a save or a
 * preview renders, what an import reads, what an export writes, what search derives, the
 * revisions diff, a real save into SQLite, and a reader's search over the saved post.
 */
import { lineDiff } from '../../src/content/diff.js';
import { deriveContent } from '../../src/content/derive.js';
import { FrontMatterError, frontMatterKeyLine } from '../../src/content/front-matter.js';
import { postToHugo } from '../../src/content/hugo-export.js';
import { readHugoPage } from '../../src/content/hugo-post.js';
import { findImageRefs } from '../../src/content/image-refs.js';
import { htmlToPlainText } from '../../src/content/plain-text.js';
import { countWords, readingTime } from '../../src/content/reading-time.js';
import { brokenShortcodes, refTargets, unknownShortcodes } from '../../src/content/shortcodes.js';
import type { PostInput } from '../../src/content/types.js';
import type { Db } from '../../src/db.js';
import { savePost } from '../../src/models/posts.js';
import { searchMarks, searchPublicPosts, toFtsQuery, updateSearchIndex } from '../../src/models/search-sqlite.js';
import { snippetHtml } from '../../src/routes/present.js';
import type { HostileInput } from './text.js';

export const PATH_NAMES = ['render', 'import', 'export', 'search', 'diff', 'fts', 'save'] as const;
export type PathName = (typeof PATH_NAMES)[number];

/** What a run times unless `--paths` says otherwise: `save` is render's work plus the writes. */
export const DEFAULT_PATHS: PathName[] = ['render', 'import', 'export', 'search', 'diff', 'fts'];

const NOW = new Date('2026-01-01T00:00:00Z');

/** A post around `markdown`, as the editor would save it. */
export function postOf(markdown: string): PostInput {
  return {
    type: 'post',
    slug: 'hostile',
    title: 'Hostile input',
    markdown,
    summarySource: '',
    description: '',
    status: 'published',
    publishedAt: new Date('2025-01-01T00:00:00Z'),
    expiresAt: null,
    updatedAt: null,
    weight: null,
    showToc: true,
    tags: ['a'],
    categories: [],
    aliases: [],
    extra: {},
  };
}

/** The Hugo file an input stands for: a file input as it is, a body under a short front matter. */
export const hugoFileOf = (input: HostileInput, text: string) =>
  input.kind === 'file' ? text : `---\ntitle: Hostile\n---\n\n${text}`;

/** What `npm run import` reads of one file; a front-matter error is an answer, not a failure. */
export function importFile(text: string): PostInput | FrontMatterError {
  try {
    const { input } = readHugoPage({ relPath: 'posts/hostile.md', text }, { now: NOW });
    unknownShortcodes(input.markdown);
    brokenShortcodes(input.markdown);
    refTargets(input.markdown);
    findImageRefs(input.markdown);
    return input;
  } catch (error) {
    if (error instanceof FrontMatterError) return error;
    throw error;
  }
}

/** What `npm run export` does with one post: the file, and the media it points at. */
export function exportPost(post: PostInput): string {
  const { text } = postToHugo(post);
  findImageRefs(post.markdown);
  frontMatterKeyLine(text, 'cover');
  return text;
}

/** The search-side text functions, fed the raw input (a reader's query, a snippet, HTML). */
export function searchText(text: string): string {
  const plain = htmlToPlainText(text);
  countWords(plain);
  readingTime(plain);
  toFtsQuery(text);
  return snippetHtml(text, searchMarks);
}

/** `text` with every 16th line changed and a line added at its end, as an edit might. */
export function edited(text: string): string {
  const lines = text.split('\n').map((line, i) => (i % 16 === 8 ? `changed ${line.slice(0, 20)}` : line));
  return `${lines.join('\n')}\nadded\n`;
}

export interface Runner {
  applies(input: HostileInput): boolean;
  /** Prepares what one size needs outside the timing; returns the timed call. */
  prepare(input: HostileInput, text: string): (() => unknown) | Promise<() => unknown>;
}

/**
 * The inputs searched through SQLite: what costs there is how often the searched word occurs, not
 * the Markdown around it, so a few texts (one word many times, long words, many words, odd
 * characters) stand for all.
 */
const SEARCHED = new Set([
  'paragraphs',
  'headings-identical',
  'nest-emphasis',
  'run-star-a',
  'long-word',
  'bare-urls',
  'unicode',
  'entities',
  'control-characters',
]);

/** A reader's search for the first word of `text`: what the public search page asks the database. */
const firstWord = (text: string) => /[\p{L}\p{N}]+/u.exec(text)?.[0] ?? 'a';

/** The runners by path; `db` (a migrated SQLite database) is needed by `save` and `fts` only. */
export function runners(db: Db | null): Record<PathName, Runner> {
  const markdownOnly = (input: HostileInput) => input.kind === 'markdown';
  return {
    render: {
      applies: markdownOnly,
      prepare: (_input, text) => () =>
        deriveContent({ title: 'Hostile', description: '', markdown: text, summarySource: '' }),
    },
    import: { applies: () => true, prepare: (input, text) => () => importFile(hugoFileOf(input, text)) },
    export: {
      applies: () => true,
      prepare: (input, text) => {
        const post = input.kind === 'markdown' ? postOf(text) : importFile(text);
        return () => (post instanceof FrontMatterError ? null : exportPost(post));
      },
    },
    search: { applies: markdownOnly, prepare: (_input, text) => () => searchText(text) },
    diff: {
      applies: markdownOnly,
      prepare: (_input, text) => {
        const changed = edited(text);
        return () => lineDiff(text, changed);
      },
    },
    save: {
      applies: (input) => markdownOnly(input) && db !== null,
      prepare: (_input, text) => () => savePost(db!, postOf(text), NOW),
    },
    // The search row holds the input (one post, saved once), then only the search is timed:
    // SQLite builds each hit's snippet from it.
    fts: {
      applies: (input) => SEARCHED.has(input.name) && db !== null,
      prepare: async (_input, text) => {
        const { id } = await savePost(db!, postOf('Searchable post.'), NOW);
        await db!.$transaction((tx) => updateSearchIndex(tx, id, { title: 'Hostile input', body: text }));
        const word = firstWord(text);
        return () => searchPublicPosts(db!, word, { now: NOW, limit: 10 });
      },
    },
  };
}
