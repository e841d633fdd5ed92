/**
 * Which characters of a Markdown text are code (fenced, indented, inline spans, Hugo `highlight`
 * shortcodes) or HTML comments: text that shows Markdown rather than being it. Pure functions.
 */
import MarkdownIt from 'markdown-it';

// Only the block structure is needed, to know which lines are code: inline parsing is skipped.
const blocks = new MarkdownIt('default', { html: true }).disable(
  ['inline', 'linkify', 'replacements', 'smartquotes', 'text_join'],
  true,
);

/** Offsets where each line begins. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line holding `offset`, from lineStarts. */
export function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** True when the character at `at` follows an odd number of backslashes. */
export const escaped = (text: string, at: number): boolean => {
  let n = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
};

/** Marks the characters that are code or comments; an address starting there is not an image. */
export function codeMask(text: string, starts: number[]): Uint8Array {
  const mask = new Uint8Array(text.length + 1);
  const markRange = (from: number, to: number) => mask.fill(1, from, Math.min(to, text.length));
  for (const token of blocks.parse(text, {})) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
      const [first, last] = token.map;
      markRange(starts[first] ?? text.length, starts[last] ?? text.length);
    }
  }
  for (const m of text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) markRange(m.index, m.index + m[0].length);
  const highlight = /\{\{([<%])\s*highlight\b[\s\S]*?\{\{\1\s*\/\s*highlight\s*[>%]\}\}/g;
  for (const m of text.matchAll(highlight)) markRange(m.index, m.index + m[0].length);
  // Hugo reads shortcodes before Markdown: a backtick-quoted parameter is not a code span.
  const shortcodes = new Uint8Array(text.length + 1);
  for (const m of text.matchAll(/\{\{([<%])[\s\S]*?[>%]\}\}/g))
    shortcodes.fill(1, m.index, m.index + m[0].length);
  markCodeSpans(text, mask, shortcodes);
  return mask;
}

/** Inline code spans: a run of N backticks up to the next run of exactly N, within one paragraph. */
function markCodeSpans(text: string, mask: Uint8Array, skip: Uint8Array): void {
  const blankLine = /\n[ \t]*\n/g;
  let paragraphEnd = -1;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`' || mask[i] || skip[i] || escaped(text, i)) {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') n++;
    if (paragraphEnd < i) {
      blankLine.lastIndex = i;
      paragraphEnd = blankLine.exec(text)?.index ?? text.length;
    }
    const limit = paragraphEnd;
    let close = -1;
    for (let j = i + n; j < limit;) {
      if (text[j] !== '`' || skip[j]) {
        j++;
        continue;
      }
      let m = 0;
      while (text[j + m] === '`') m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    mask.fill(1, i, close + n);
    i = close + n;
  }
}
