/**
 * Byline slugs for the pages of an import. Hugo tells pages apart by their whole path
 * (`/posts/setup/`, `/posts/guides/setup/`); Byline by type and slug alone. So when two pages
 * want one slug, the one Hugo already served at the Byline URL keeps it (else the first by path),
 * and each other one takes its folders as a prefix (`guides-setup`), or a number; its Hugo URL
 * then answers 301. Two pages Hugo itself served at the same URL cannot both be kept: the second
 * is refused.
 */
import { bylineUrl } from '../content/hugo-urls.js';
import { RESERVED_PAGE_SLUGS } from '../content/post-form.js';
import { MAX_SLUG_LENGTH, slugify } from '../content/slug.js';
import type { PostType } from '../content/types.js';

/** Paths a page may not take: Byline's own sections answer there first. */
const RESERVED = new Set([...RESERVED_PAGE_SLUGS, 'series']);

export interface SlugWish {
  /** The file, for messages. */
  file: string;
  contentPath: string;
  type: PostType;
  slug: string;
  /** Where Hugo served the page. */
  hugoUrl: string;
}

export type SlugChoice =
  | { slug: string; wanted?: undefined }
  /** Renamed: `takenBy` is the file keeping the slug ('' when Byline itself uses the path). */
  | { slug: string; wanted: string; takenBy: string }
  | { error: string };

const keyOf = (type: PostType, slug: string) => `${type}/${slug}`;

/** Slugs to try for a page whose slug is taken: its folders, nearest first, then numbers. */
function* alternatives(wish: SlugWish): Generator<string> {
  const parts = wish.contentPath.split('/').filter(Boolean);
  const file = parts.pop() ?? '';
  if (/^index\.[^.]+$/.test(file)) parts.pop();
  for (let k = 1; k <= parts.length; k++) {
    const slug = slugify(`${parts.slice(-k).join('-')}-${wish.slug}`);
    if (slug && [...slug].length < MAX_SLUG_LENGTH) yield slug;
  }
  for (let n = 2; ; n++) yield `${wish.slug}-${n}`;
}

/** One choice per wish, in the same order. */
export function chooseSlugs(wishes: SlugWish[]): SlugChoice[] {
  const choices = new Array<SlugChoice | undefined>(wishes.length);
  const groups = new Map<string, number[]>();
  wishes.forEach((w, i) => {
    const key = keyOf(w.type, w.slug);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  // Every slug some page wants is off limits to a renamed one: renaming never takes another's slug.
  const taken = new Set(groups.keys());
  const renames: { i: number; takenBy: string }[] = [];
  for (const members of groups.values()) {
    const seenUrls = new Map<string, string>();
    const distinct: number[] = [];
    for (const i of members) {
      const w = wishes[i]!;
      const first = seenUrls.get(w.hugoUrl);
      if (first) choices[i] = { error: `slug "${w.slug}" is already used by ${first}` };
      else {
        seenUrls.set(w.hugoUrl, w.file);
        distinct.push(i);
      }
    }
    const w0 = wishes[distinct[0]!]!;
    const reserved = w0.type === 'page' && RESERVED.has(w0.slug);
    const home = distinct.find((i) => wishes[i]!.hugoUrl === bylineUrl(wishes[i]!.type, wishes[i]!.slug));
    const keeper = reserved ? undefined : (home ?? distinct[0]);
    for (const i of distinct) {
      if (i === keeper) choices[i] = { slug: wishes[i]!.slug };
      else renames.push({ i, takenBy: keeper === undefined ? '' : wishes[keeper]!.file });
    }
  }
  renames.sort((a, b) => a.i - b.i);
  for (const { i, takenBy } of renames) {
    const w = wishes[i]!;
    for (const slug of alternatives(w)) {
      if (taken.has(keyOf(w.type, slug)) || (w.type === 'page' && RESERVED.has(slug))) continue;
      taken.add(keyOf(w.type, slug));
      choices[i] = { slug, wanted: w.slug, takenBy };
      break;
    }
  }
  return choices.map((c) => c!);
}
