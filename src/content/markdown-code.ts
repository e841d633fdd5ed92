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

/**
 * Finds `pattern` (a global regex without lookbehind) at or after positions that only grow, each
 * part of the text read once: "the next `>}}`" for a thousand unclosed tags is one search, not a
 * thousand searches to the end of the text (docs/decisions/021-linear-time-content.md).
 */
export function forwardSearch(text: string, pattern: RegExp): (from: number) => RegExpExecArray | null {
  let searchedFrom = Infinity;
  let found: RegExpExecArray | null = null;
  return (from) => {
    // The last answer stands while `from` has not passed it: nothing matches between.
    if (from >= searchedFrom && (found === null || found.index >= from)) return found;
    pattern.lastIndex = from;
    found = pattern.exec(text);
    searchedFrom = from;
    return found;
  };
}

/** Each `open` match paired with the first `close` match after it (or the end of the text). */
function spans(text: string, open: RegExp, close: (m: RegExpExecArray) => RegExp): Array<[number, number]> {
  const finders = new Map<string, (from: number) => RegExpExecArray | null>();
  const found: Array<[number, number]> = [];
  for (let m = open.exec(text); m !== null; m = open.exec(text)) {
    const pattern = close(m);
    let next = finders.get(pattern.source);
    if (next === undefined) finders.set(pattern.source, (next = forwardSearch(text, pattern)));
    const end = next(m.index + m[0].length);
    if (end === null) continue;
    found.push([m.index, end.index + end[0].length]);
    open.lastIndex = end.index + end[0].length;
  }
  return found;
}

const SHORTCODE_END = /[>%]\}\}/g;
const HIGHLIGHT_END = { '<': /\{\{<\s*\/\s*highlight\s*[>%]\}\}/g, '%': /\{\{%\s*\/\s*highlight\s*[>%]\}\}/g };

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
  const highlights = spans(text, /\{\{([<%])\s*highlight\b/g, (m) => HIGHLIGHT_END[m[1] as '<' | '%']);
  for (const [from, to] of highlights) markRange(from, to);
  // Hugo reads shortcodes before Markdown: a backtick-quoted parameter is not a code span.
  const shortcodes = new Uint8Array(text.length + 1);
  for (const [from, to] of spans(text, /\{\{[<%]/g, () => SHORTCODE_END)) shortcodes.fill(1, from, to);
  markCodeSpans(text, mask, shortcodes);
  return mask;
}

/** Backtick runs outside `skip`, in order: where each starts and how long it is. */
function backtickRuns(text: string, skip: Uint8Array): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    if (skip[i]) {
      i++;
      continue;
    }
    let n = 0;
    while (text[i + n] === '`' && !skip[i + n]) n++;
    runs.push([i, n]);
    i += n;
  }
  return runs;
}

/** First value in ascending `list` at or after `from`, or undefined. */
function firstFrom(list: number[], from: number): number | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! >= from) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

/**
 * Inline code spans: a run of N backticks up to the next run of exactly N, within one paragraph.
 * Runs are indexed by length, so an opener that never closes does not read on to the paragraph's
 * end (a paragraph of unmatched runs was n² steps).
 */
function markCodeSpans(text: string, mask: Uint8Array, skip: Uint8Array): void {
  const runs = backtickRuns(text, skip);
  const byLength = new Map<number, number[]>();
  for (const [at, n] of runs) {
    const list = byLength.get(n);
    if (list === undefined) byLength.set(n, [at]);
    else list.push(at);
  }
  const blankLine = /\n[ \t]*\n/g;
  let paragraphEnd = -1;
  let i = 0;
  for (const [at, length] of runs) {
    if (at + length <= i) continue;
    // A run partly inside an earlier span, or escaped at its first backtick, opens with the rest.
    let start = Math.max(at, i);
    if (mask[start]) continue;
    if (escaped(text, start)) start++;
    const n = at + length - start;
    if (n === 0) continue;
    if (paragraphEnd < start) {
      blankLine.lastIndex = start;
      paragraphEnd = blankLine.exec(text)?.index ?? text.length;
    }
    const close = firstFrom(byLength.get(n) ?? [], start + n);
    if (close === undefined || close >= paragraphEnd) {
      i = start + n;
      continue;
    }
    mask.fill(1, start, close + n);
    i = close + n;
  }
}
