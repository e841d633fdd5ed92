/**
 * Reads Hugo shortcode tags out of Markdown: `{{< name args >}}`, `{{% name args %}}`, closing
 * `{{< /name >}}`, self-closing `{{< name />}}`. Hugo reads them before Markdown, everywhere;
 * Byline leaves code (fenced and indented blocks, inline code spans) and HTML comments as written,
 * so a post can show shortcode syntax as an example. Hugo's escaped form `{{</* name *\/>}}` reads
 * as the literal tag, in code and out of it, as on Hugo's own documentation pages.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { brokenEnd, readTag, type Tag } from './shortcode-tag.js';

export type { Delimiter, Tag } from './shortcode-tag.js';

export type LexItem =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; tag: Tag }
  /** A shortcode whose inner text is not Markdown (code, a comment): read whole, up to its closing tag. */
  | { kind: 'raw'; tag: Tag; inner: string; end: number }
  /** A tag that does not parse: dropped rather than shown half-written. */
  | { kind: 'broken'; name: string; source: string };

// Only the block structure is read here, to know which lines are code.
const blocks = new MarkdownIt('default', { html: true });

/** Inner text of these is code or a comment, never more shortcodes. */
export function hasRawInner(name: string): boolean {
  return name === 'highlight' || name === 'comment' || name.endsWith('.inline');
}

/** [start, end) offsets of fenced and indented code blocks, by CommonMark's block rules. */
function codeBlockRanges(src: string): Array<[number, number]> {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  const tokens: Token[] = [];
  blocks.block.parse(src, blocks, {}, tokens);
  const ranges: Array<[number, number]> = [];
  for (const token of tokens) {
    if ((token.type === 'fence' || token.type === 'code_block') && token.map) {
      ranges.push([starts[token.map[0]] ?? src.length, starts[token.map[1]] ?? src.length]);
    }
  }
  return ranges;
}

const COMMENTED = /\{\{<\/\*([\s\S]*?)\*\/>\}\}|\{\{%\/\*([\s\S]*?)\*\/%\}\}/g;

/** Hugo's `{{</* x *\/>}}` as the tag it shows: `{{< x >}}`. */
export function uncomment(text: string): string {
  if (!text.includes('{{')) return text;
  return text.replace(COMMENTED, (_m, angled: string | undefined, percent: string | undefined) =>
    angled !== undefined ? `{{<${angled}>}}` : `{{%${percent ?? ''}%}}`,
  );
}

function escapedAt(src: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && src[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/**
 * Where each backtick run of a given length starts, so that finding a code span's closing run
 * never rescans the text (a post full of lone backticks stays linear).
 */
function backtickRuns(src: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (const m of src.matchAll(/`+/g)) {
    const list = runs.get(m[0].length);
    if (list === undefined) runs.set(m[0].length, [m.index]);
    else list.push(m.index);
  }
  return runs;
}

/** First value in ascending `list` greater than `after`, or undefined. */
function firstAfter(list: number[], after: number): number | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! > after) hi = mid;
    else lo = mid + 1;
  }
  return list[lo];
}

const PARAGRAPH_END = /\n[ \t]*\n/g;

/** The first blank line at or after `from` (the end of the paragraph), or the end of the text. */
function paragraphEnd(src: string, from: number): number {
  PARAGRAPH_END.lastIndex = from;
  const m = PARAGRAPH_END.exec(src);
  return m === null ? src.length : m.index;
}
/** Lexing state: the text, and searches remembered so that no part of the text is read twice over. */
class Lexer {
  readonly ranges: Array<[number, number]>;
  readonly runs: Map<number, number[]>;
  private paragraph = { from: -1, end: -1 };
  private closes = new Map<string, { from: number; at: [number, number] | null }>();
  private commentMissing = new Map<string, number>();

  constructor(readonly src: string) {
    this.ranges = codeBlockRanges(src);
    this.runs = backtickRuns(src);
  }

  paragraphEnd(at: number): number {
    if (at < this.paragraph.from || at >= this.paragraph.end) {
      this.paragraph = { from: at, end: paragraphEnd(this.src, at) };
    }
    return this.paragraph.end;
  }

  /** End of the inline code span opened by the backtick run at `at`, or -1 when it is not closed. */
  codeSpanEnd(at: number, limit: number): number {
    let n = 0;
    while (this.src[at + n] === '`') n++;
    const close = firstAfter(this.runs.get(n) ?? [], at);
    return close !== undefined && close < limit ? close + n : -1;
  }

  /** The closing tag of a raw-inner shortcode after `from`: [start, end], or null. */
  rawClose(name: string, from: number): [number, number] | null {
    const known = this.closes.get(name);
    if (known !== undefined && from >= known.from && (known.at === null || known.at[0] >= from))
      return known.at;
    const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const close = new RegExp(`\\{\\{[<%]\\s*\\/\\s*${escaped}\\s*[>%]\\}\\}`, 'g');
    close.lastIndex = from;
    const m = close.exec(this.src);
    const at: [number, number] | null = m === null ? null : [m.index, m.index + m[0].length];
    this.closes.set(name, { from, at });
    return at;
  }

  /** Where the escaped tag opened at `start` ends (`*\/>}}`), or -1. */
  commentEnd(start: number, right: string): number {
    if (start >= (this.commentMissing.get(right) ?? Infinity)) return -1;
    const close = this.src.indexOf(`*/${right}`, start + 5);
    if (close < 0) this.commentMissing.set(right, start);
    return close;
  }

  /** The item starting at `start` (which holds `{{<` or `{{%`) and where it ends. */
  itemAt(start: number): { item: LexItem; end: number } {
    const src = this.src;
    const delimiter = src[start + 2]!;
    const right = delimiter === '<' ? '>}}' : '%}}';
    if (src.startsWith('/*', start + 3)) {
      const close = this.commentEnd(start, right);
      if (close >= 0) {
        const text = `{{${delimiter}${src.slice(start + 5, close)}${right}`;
        return { item: { kind: 'text', text }, end: close + 2 + right.length };
      }
    }
    const tag = readTag(src, start);
    if ('failed' in tag) {
      const end = brokenEnd(src, start);
      return { item: { kind: 'broken', name: tag.failed, source: src.slice(start, end) }, end };
    }
    if (tag.role === 'open' && hasRawInner(tag.name)) {
      const close = this.rawClose(tag.name, tag.end);
      if (close !== null) {
        return {
          item: { kind: 'raw', tag, inner: src.slice(tag.end, close[0]), end: close[1] },
          end: close[1],
        };
      }
    }
    return { item: { kind: 'tag', tag }, end: tag.end };
  }
}

const SPECIAL = /[`<{]/g;

/**
 * Splits normalized Markdown (`\n` line ends) into text and shortcode tags, in order. Code and
 * HTML comments stay text, with Hugo's escaped tags read as literal ones.
 */
export function lexShortcodes(src: string): LexItem[] {
  const lexer = new Lexer(src);
  const { ranges } = lexer;
  const items: LexItem[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') items.push({ kind: 'text', text });
    text = '';
  };
  let r = 0;
  let i = 0;
  while (i < src.length) {
    while (r < ranges.length && ranges[r]![1] <= i) r++;
    const range = ranges[r];
    if (range !== undefined && range[0] <= i) {
      text += uncomment(src.slice(i, range[1]));
      i = range[1];
      continue;
    }
    SPECIAL.lastIndex = i;
    const found = SPECIAL.exec(src);
    const next = Math.min(found === null ? src.length : found.index, range?.[0] ?? src.length);
    text += src.slice(i, next);
    i = next;
    if (i >= src.length || (range !== undefined && i === range[0])) continue;
    if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i + 4);
      const end = close < 0 ? src.length : close + 3;
      text += src.slice(i, end);
      i = end;
    } else if (src[i] === '`' && !escapedAt(src, i)) {
      const end = lexer.codeSpanEnd(i, Math.min(lexer.paragraphEnd(i), range?.[0] ?? src.length));
      let stop = end;
      if (stop < 0) for (stop = i; src[stop] === '`';) stop++;
      text += end < 0 ? src.slice(i, stop) : uncomment(src.slice(i, stop));
      i = stop;
    } else if (src.startsWith('{{<', i) || src.startsWith('{{%', i)) {
      const { item, end } = lexer.itemAt(i);
      if (item.kind === 'text') {
        text += item.text;
      } else {
        flush();
        items.push(item);
      }
      i = end;
    } else {
      text += src[i];
      i++;
    }
  }
  flush();
  return items;
}
