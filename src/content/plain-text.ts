/**
 * Plain text of (sanitized) article HTML, for summaries, word counts and search.
 * A small tokenizer is enough here: the input is our own well-formed HTML.
 */

// Tags whose boundaries separate words, so "a</li><li>b" reads "a b", not "ab".
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div',
  'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'img', 'input', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

// Quoted attribute values may contain ">", so they are matched whole.
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const INVISIBLE = /<!--[\s\S]*?-->|<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi;

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
const EMBED_CARD =
  /<a\b(?:[^>"']|"[^"]*"|'[^']*')*?\sclass="(?:[^"]*\s)?embed-card(?:\s[^"]*)?"(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/a\s*>/gi;

/** `html` without its embed link cards: what summaries and word counts read, as Hugo's do. */
export function withoutEmbedCards(html: string): string {
  return html.includes('embed-card') ? html.replace(EMBED_CARD, ' ') : html;
}

/** Returns the text of `html`: tags stripped, entities decoded, whitespace collapsed (link cards left out). */
export function htmlToPlainText(html: string): string {
  const text = withoutEmbedCards(html)
    .replace(INVISIBLE, '')
    .replace(TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : ''));
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}
