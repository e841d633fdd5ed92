/**
 * Where Hugo's `ref`/`relref` shortcodes point. The importer knows every imported post and may
 * answer itself; otherwise a pure rule maps a Hugo content path to Byline's URL for it.
 */
import { slugify } from './slug.js';

/** Answers a Hugo content path (`posts/x.md`, `/about`, `x.md#part`) with a URL, or null when unknown. */
export type RefResolver = (target: string) => string | null;

const CONTENT_FILE = /\.(?:md|markdown|mdown|mkd|html?|adoc|asciidoc|ad|org|pandoc|pdc|rst)$/i;

function anchorOf(fragment: string): string {
  return fragment === '' ? '' : `#${encodeURIComponent(decodeSafely(fragment))}`;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Byline's URL for a Hugo content path: the last segment (the file name without its extension, or
 * the bundle folder for `index.md`) is the slug, under `/posts/`; a page at the top of the content
 * tree (`/about.md`, `/about/`) is `/<slug>/`; a section's `_index.md` is the section's path.
 * `#anchor` alone stays on the page. Null when no slug can be made.
 */
export function defaultRefUrl(target: string): string | null {
  const trimmed = target.trim();
  const hash = trimmed.indexOf('#');
  const path = hash < 0 ? trimmed : trimmed.slice(0, hash);
  const anchor = anchorOf(hash < 0 ? '' : trimmed.slice(hash + 1));
  if (path === '') return anchor === '' ? null : anchor;
  const rooted = path.startsWith('/');
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  const file = segments.pop() ?? '';
  const base = file.replace(CONTENT_FILE, '');
  if (base === '_index') {
    const section = segments.map(slugify).filter(Boolean);
    return section.length === 0 ? `/${anchor}` : `/${section.join('/')}/${anchor}`;
  }
  const slug = slugify(base === 'index' ? (segments.pop() ?? '') : base);
  if (slug === '') return rooted && file === '' ? `/${anchor}` : null;
  return rooted && segments.length === 0 ? `/${slug}/${anchor}` : `/posts/${slug}/${anchor}`;
}

/** Characters that would end a Markdown link destination early: percent-encoded. */
export function markdownSafeUrl(url: string): string {
  return url.replace(
    /[\s()<>"'`\\[\]]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** The URL a `ref` shortcode stands for: the resolver's answer, else the rule; '#' when neither knows. */
export function refUrl(target: string, resolve: RefResolver | undefined): string {
  const url = (resolve ?? defaultRefUrl)(target);
  return url === null || url.trim() === '' ? '#' : markdownSafeUrl(url.trim());
}
