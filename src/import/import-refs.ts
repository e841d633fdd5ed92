/**
 * Where Hugo's `ref`/`relref` shortcodes of an imported site point: each imported page by its
 * content path (`posts/guides/setup.md`, `/posts/guides/setup`, `posts/trip/` for a bundle) or,
 * when no other page has it, by its name alone (`setup`), answered with the page's Byline URL,
 * renamed slugs and pages of other sections included. Anything else falls back to the renderer's
 * own rule (defaultRefUrl).
 */
import { bylineUrl } from '../content/hugo-urls.js';
import { defaultRefUrl, type RefResolver } from '../content/shortcode-refs.js';
import type { PostType } from '../content/types.js';

const CONTENT_FILE = /\.(?:md|markdown|mdown|mkd|mkdn)$/i;

/** `posts/trip/index.md`, `/posts/trip/`, `posts/trip.md` → `posts/trip`. */
function pathKey(target: string): string {
  return target
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(CONTENT_FILE, '')
    .replace(/(^|\/)index$/, '')
    .toLowerCase();
}

export function refResolver(pages: { contentPath: string; type: PostType; slug: string }[]): RefResolver {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string | null>();
  for (const p of pages) {
    const url = bylineUrl(p.type, p.slug);
    const key = pathKey(p.contentPath);
    byPath.set(key, url);
    const name = key.split('/').at(-1) ?? '';
    byName.set(name, byName.has(name) ? null : url);
  }
  return (target) => {
    const hash = target.indexOf('#');
    const path = hash < 0 ? target : target.slice(0, hash);
    const key = pathKey(path);
    const url =
      key === '' ? undefined : (byPath.get(key) ?? (key.includes('/') ? undefined : byName.get(key)));
    if (!url) return defaultRefUrl(target);
    return hash < 0 ? url : `${url}${defaultRefUrl(target.slice(hash)) ?? ''}`;
  };
}
