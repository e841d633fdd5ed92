/**
 * Goldmark's heading attributes, which Hugo enables: `## Title {#custom-id .class key=value}`.
 * Read by a scanner that looks at each character once: a pattern with nested repetition
 * (`(?:…(?:[^\s}]+))+`) needed exponential time on an unclosed block such as `{a=aa=aa=a…`
 * (docs/decisions/021-linear-time-content.md).
 */

export interface HeadingAttributes {
  /** Where the heading's text ends: the block and the spaces before it are not shown. */
  start: number;
  /** The last `#id` (or `id=…`) of the block, as goldmark keeps the last one. */
  id: string | undefined;
}

const isSpace = (ch: string | undefined) => ch === ' ' || ch === '\t' || ch === '\n';
// Goldmark's id and class names: no space, and of ASCII punctuation only `_ - : .`.
const NAME_CHAR = /^[^\s!"#$%&'()*+,/;<=>?@[\\\]^`{|}~]$/;
const KEY_START = /^[A-Za-z_:]$/;
const KEY_CHAR = /^[\w:.-]$/;

function skipSpaces(text: string, at: number, end: number): number {
  while (at < end && isSpace(text[at])) at++;
  return at;
}

/** End of the value starting at `at` (quoted, or up to a space), or -1 when a quote never closes. */
function valueEnd(text: string, at: number, end: number): number {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    for (let i = at + 1; i < end; i++) {
      if (text[i] === '\\' && quote === '"') i++;
      else if (text[i] === quote) return i + 1;
    }
    return -1;
  }
  let i = at;
  while (i < end && !isSpace(text[i]) && text[i] !== '}') i++;
  return i;
}

const unquote = (value: string) =>
  value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value.startsWith("'") ? value.slice(1, -1) : value;

/**
 * The attribute block ending `text`, or null when there is none. As in goldmark, the block opens
 * at the last `{` and must read to the closing `}` with nothing but spaces after it.
 */
export function trailingAttributes(text: string): HeadingAttributes | null {
  let end = text.length;
  while (end > 0 && isSpace(text[end - 1])) end--;
  if (text[end - 1] !== '}') return null;
  const close = end - 1;
  const open = text.lastIndexOf('{', close);
  if (open < 0) return null;
  let id: string | undefined;
  let at = open + 1;
  for (;;) {
    at = skipSpaces(text, at, close);
    if (at === close) break;
    const ch = text[at]!;
    if (ch === '#' || ch === '.') {
      let i = at + 1;
      while (i < close && NAME_CHAR.test(text[i]!)) i++;
      if (i === at + 1) return null;
      if (ch === '#') id = text.slice(at + 1, i);
      at = i;
    } else if (KEY_START.test(ch)) {
      let i = at + 1;
      while (i < close && KEY_CHAR.test(text[i]!)) i++;
      const key = text.slice(at, i);
      i = skipSpaces(text, i, close);
      if (text[i] !== '=') return null;
      const from = skipSpaces(text, i + 1, close);
      const to = valueEnd(text, from, close);
      if (to <= from) return null;
      if (key === 'id') id = unquote(text.slice(from, to));
      at = to;
    } else {
      return null;
    }
    at = skipSpaces(text, at, close);
    if (text[at] === ',') at++;
  }
  let start = open;
  while (start > 0 && isSpace(text[start - 1])) start--;
  return { start, id: id === '' ? undefined : id };
}
