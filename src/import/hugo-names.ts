/**
 * Hugo content file names: `name.md`, `name.fr.md` (a translation), `index.md` (a page bundle),
 * `_index.md` (a section page), and the other content formats Hugo reads.
 */

/** ISO 639-1 codes: a site that configures no languages still writes its translations with them. */
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ' +
    'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io ' +
    'is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ' +
    'ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si ' +
    'sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh ' +
    'yi yo za zh zu'
  ).split(' '),
);

const MARKDOWN = /\.(md|markdown|mdown|mkd|mkdn)$/i;
/** Content formats Hugo renders that Byline does not import. */
const OTHER_CONTENT = /\.(html?|org|adoc|asciidoc|ad|rst|pdc|pandoc|ipynb)$/i;

export const isMarkdownName = (name: string) => MARKDOWN.test(name);
export const isOtherContentName = (name: string) => OTHER_CONTENT.test(name);

/**
 * True when `code` names a language of the site: one it configures, or, when it configures none,
 * an ISO 639-1 code with an optional region (`pt-br`, `zh-hans`). A word like `old` in
 * `notes.old.md` is part of the name, as Hugo reads it.
 */
export function isLanguageCode(code: string, configured: string[]): boolean {
  const lower = code.toLowerCase();
  if (configured.length > 0) return configured.includes(lower);
  const m = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})?$/.exec(lower);
  return m !== null && ISO_639_1.has(m[1]!);
}

export interface ContentName {
  /** The name without language and extension: `x`, `index`, `_index`. */
  base: string;
  /** The language written before the extension, lowercased; null when none. */
  lang: string | null;
  /** The name as Hugo's path has it, language removed: `x.md`. */
  plain: string;
}

/** Splits a Markdown file name into its base, its language suffix and its extension. */
export function splitContentName(name: string, configured: string[]): ContentName {
  const ext = MARKDOWN.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - ext.length);
  const dot = stem.lastIndexOf('.');
  const code = dot > 0 ? stem.slice(dot + 1) : '';
  if (code && isLanguageCode(code, configured)) {
    const base = stem.slice(0, dot);
    return { base, lang: code.toLowerCase(), plain: `${base}${ext}` };
  }
  return { base: stem, lang: null, plain: name };
}
