import { slugify } from '../content/slug.js';
import { markdownBody, phrase } from './markdown-body.js';
import { createRandom, type Random } from './random.js';
import { CATEGORIES, TAGS } from './words.js';

export interface CorpusOptions {
  posts: number;
  /** Dates are spread over the ten years before this moment; a few posts are after it. */
  now: Date;
  seed?: number;
}

export interface CorpusPost {
  /** Path under the site folder, e.g. `content/posts/some-title.md`. */
  relPath: string;
  text: string;
  slug: string;
  tags: string[];
  date: Date;
  draft: boolean;
  codeBlocks: number;
}

export interface Corpus {
  posts: CorpusPost[];
  /** Static pages (`content/about.md`), imported as pages. */
  pages: { relPath: string; text: string }[];
}

const YEAR_MS = 365.25 * 86_400_000;
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const quoted = (s: string) => JSON.stringify(s);

const TITLE_FORMS = [
  (a: string, b: string) => `How we ${a} ${b}`,
  (a: string, b: string) => `Notes on ${b}: ${a}`,
  (a: string, b: string) => `Why ${b} ${a}`,
  (a: string, b: string) => `A practical guide to ${b} and ${a}`,
  (a: string, b: string) => `${b} in practice: ${a}`,
  (a: string, b: string) => `What I learned about ${b} when we ${a}`,
];

function title(r: Random, tags: string[]): string {
  const text = r.pick(TITLE_FORMS)(phrase(r, 2, 5), tags[0] ?? 'writing');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function frontMatter(toml: boolean, fields: [string, string | string[] | boolean | undefined][]): string {
  const lines: string[] = [];
  for (const [key, value] of fields) {
    if (value === undefined || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      if (toml) lines.push(`${key} = [${value.map(quoted).join(', ')}]`);
      else lines.push(`${key}:`, ...value.map((v) => `  - ${v}`));
    } else if (key === 'date' || value === true) {
      lines.push(toml ? `${key} = ${String(value)}` : `${key}: ${String(value)}`);
    } else {
      lines.push(toml ? `${key} = ${quoted(value)}` : `${key}: ${quoted(value)}`);
    }
  }
  const fence = toml ? '+++' : '---';
  return `${fence}\n${lines.join('\n')}\n${fence}\n`;
}

function makePost(r: Random, now: Date, used: Set<string>): CorpusPost {
  const tagCount = r.int(1, 5);
  const tags = [...new Set(Array.from({ length: tagCount }, () => TAGS[r.zipf(TAGS.length)]!))];
  const postTitle = title(r, tags);
  const base = slugify(postTitle);
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  const future = r.chance(0.005);
  const date = new Date(now.getTime() + (future ? r.next() * YEAR_MS : -r.next() * 10 * YEAR_MS));
  date.setUTCSeconds(0, 0);
  const draft = r.chance(0.01);
  const body = markdownBody(r, tags, { more: r.chance(0.3) });
  const toml = r.chance(0.1);
  const head = frontMatter(toml, [
    ['title', postTitle],
    ['date', iso(date)],
    ['slug', slug === base ? undefined : slug],
    ['description', r.chance(0.5) ? phrase(r, 8, 20, tags) : undefined],
    ['tags', tags],
    ['categories', r.chance(0.7) ? [r.pick(CATEGORIES)] : []],
    ['aliases', r.chance(0.02) ? [`/old/${slug}/`] : []],
    ['draft', draft],
  ]);
  const bundle = r.chance(0.05);
  const relPath = bundle ? `content/posts/${slug}/index.md` : `content/posts/${slug}.md`;
  return { relPath, text: `${head}\n${body.markdown}`, slug, tags, date, draft, codeBlocks: body.codeBlocks };
}

/** A Hugo site of `posts` posts and an About page, the same for the same seed and `now`. */
export function generateCorpus({ posts, now, seed = 4 }: CorpusOptions): Corpus {
  const r = createRandom(seed);
  const used = new Set<string>(['about']);
  const list = Array.from({ length: posts }, () => makePost(r, now, used));
  const about = `---\ntitle: About\n---\n\n${markdownBody(r, [], { more: false }).markdown}`;
  return { posts: list, pages: [{ relPath: 'content/about.md', text: about }] };
}

/** A post readers can see at `now` (the same rule as the site: not a draft, not in the future). */
export const isPublicAt = (post: CorpusPost, now: Date) =>
  !post.draft && post.date.getTime() <= now.getTime();
