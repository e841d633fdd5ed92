/**
 * Plain text of (sanitized) article HTML, for summaries, word counts and search.
 * A small tokenizer is enough here: the input is our own well-formed HTML. It also meets HTML that
 * is not (a figure caption's, before sanitizing), so it reads each character a bounded number of
 * times (html-tags.ts): patterns that ran to the end of the text for every unclosed `<a` or `<!--`
 * took n² steps (docs/decisions/021-linear-time-content.md).
 */
import { replaceTags } from './html-tags.js';
import { forwardSearch } from './markdown-code.js';

// Tags whose boundaries separate words, so "a</li><li>b" reads "a b", not "ab".
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div',
  'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'img', 'input', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const INVISIBLE_OPEN = /<(script|style|template)\b/iy;
const INVISIBLE_CLOSE = {
  script: /<\/script\s*>/gi,
  style: /<\/style\s*>/gi,
  template: /<\/template\s*>/gi,
} as const;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', laquo: '\u00ab', raquo: '\u00bb',
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', bull: '\u2022',
  middot: '\u00b7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', times: '\u00d7',
  deg: '\u00b0', shy: '\u00ad', zwj: '\u200d', zwnj: '\u200c', larr: '\u2190', rarr: '\u2192',
};

/** Decodes numeric character references and the common named entities. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

// A link card stands where Hugo puts a video or post frame, which has no words of its own.
const CLASS_ATTRIBUTE = /\sclass="([^"]*)"/;
const LINK_CLOSE = /<\/a\s*>/gi;

/** `html` without its embed link cards: what summaries and word counts read, as Hugo's do. */
export function withoutEmbedCards(html: string): string {
  if (!html.includes('embed-card')) return html;
  const linkClose = forwardSearch(html, LINK_CLOSE);
  return replaceTags(html, (name, start, end) => {
    const tag = html.slice(start, end);
    const isCard =
      name.toLowerCase() === 'a' &&
      tag[1] !== '/' &&
      (CLASS_ATTRIBUTE.exec(tag)?.[1] ?? '').split(/\s+/).includes('embed-card');
    const close = isCard ? linkClose(end) : null;
    return close === null ? { text: tag, end } : { text: ' ', end: close.index + close[0].length };
  });
}

/** `html` without comments and script, style and template elements (tags left in place). */
function withoutInvisible(html: string): string {
  if (!html.includes('<')) return html;
  const comment = forwardSearch(html, /-->/g);
  const closes = new Map<string, (from: number) => RegExpExecArray | null>();
  let out = '';
  let i = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', Math.max(i, lt + 1))) {
    if (lt < i) continue;
    let end = -1;
    if (html.startsWith('<!--', lt)) {
      const close = comment(lt + 4);
      end = close === null ? -1 : close.index + 3;
    } else {
      INVISIBLE_OPEN.lastIndex = lt;
      const open = INVISIBLE_OPEN.exec(html);
      const name = open?.[1]?.toLowerCase() as keyof typeof INVISIBLE_CLOSE | undefined;
      if (open !== null && name !== undefined) {
        let find = closes.get(name);
        if (find === undefined) closes.set(name, (find = forwardSearch(html, INVISIBLE_CLOSE[name])));
        const close = find(lt + open[0].length);
        end = close === null ? -1 : close.index + close[0].length;
      }
    }
    if (end < 0) continue;
    out += html.slice(i, lt);
    i = end;
  }
  return out + html.slice(i);
}

/** Returns the text of `html`: tags stripped, entities decoded, whitespace collapsed (link cards left out). */
export function htmlToPlainText(html: string): string {
  const visible = withoutInvisible(withoutEmbedCards(html));
  const text = replaceTags(visible, (name, _start, end) => ({ text: BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : '', end }));
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}
