/**
 * One shortcode tag as Hugo writes it: `{{< name args >}}`, `{{% name args %}}`, `{{< /name >}}`,
 * `{{< name />}}`. Arguments are positional or named, their values "double-quoted" (with `\"`
 * escapes), `raw` (over several lines) or bare.
 */

export type Delimiter = '<' | '%';

export interface Tag {
  role: 'open' | 'close' | 'self';
  name: string;
  delimiter: Delimiter;
  positional: string[];
  named: Map<string, string>;
  /** Where each named value is written in the source, quotes left out: [start, end). */
  spans: Map<string, [number, number]>;
  start: number;
  end: number;
}

const NAME = /[\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:\/[\p{L}\p{N}_][\p{L}\p{N}_.-]*)*/uy;
const KEY = /^[\p{L}\p{N}_-]+$/u;

/** Space, tab, line feed, carriage return (what Hugo skips between arguments). */
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

interface Cursor {
  src: string;
  p: number;
  right: string;
  slashRight: string;
}

function skipSpace(c: Cursor): void {
  while (isSpace(c.src[c.p])) c.p++;
}

/** A "double" (with \" escapes, one line) or `raw` (any lines) value; null when it never closes. */
function quoted(c: Cursor): string | null {
  const quote = c.src[c.p];
  let value = '';
  for (let i = c.p + 1; i < c.src.length; i++) {
    const ch = c.src[i]!;
    if (quote === '"' && ch === '\\' && c.src[i + 1] === '"') {
      value += '"';
      i++;
    } else if (ch === quote) {
      c.p = i + 1;
      return value;
    } else if (quote === '"' && ch === '\n') {
      return null;
    } else {
      value += ch;
    }
  }
  return null;
}

/** An unquoted value: up to whitespace, `=` (when `stopAtEquals`) or the end of the tag. */
function bare(c: Cursor, stopAtEquals: boolean): string {
  const from = c.p;
  while (c.p < c.src.length) {
    const ch = c.src[c.p]!;
    if (isSpace(ch) || (stopAtEquals && ch === '=') || ch === '"' || ch === '`') break;
    // Another tag starting here means this one was never closed.
    if (ch === '{' && c.src[c.p + 1] === '{') break;
    if (
      (ch === c.right[0] || ch === '/') &&
      (c.src.startsWith(c.right, c.p) || c.src.startsWith(c.slashRight, c.p))
    )
      break;
    c.p++;
  }
  return c.src.slice(from, c.p);
}

function value(c: Cursor): string | null {
  const ch = c.src[c.p];
  return ch === '"' || ch === '`' ? quoted(c) : bare(c, false);
}

/** The tag starting at `start` (which holds `{{<` or `{{%`), or the name it got to when it does not parse. */
export function readTag(src: string, start: number): Tag | { failed: string } {
  const delimiter = src[start + 2] as Delimiter;
  const right = delimiter === '<' ? '>}}' : '%}}';
  const c: Cursor = { src, p: start + 3, right, slashRight: `/${right}` };
  skipSpace(c);
  let role: Tag['role'] = 'open';
  if (src[c.p] === '/') {
    role = 'close';
    c.p++;
    skipSpace(c);
  }
  NAME.lastIndex = c.p;
  const name = NAME.exec(src)?.[0];
  if (name === undefined) return { failed: '' };
  c.p += name.length;
  const positional: string[] = [];
  const named = new Map<string, string>();
  const spans = new Map<string, [number, number]>();
  for (;;) {
    const before = c.p;
    skipSpace(c);
    if (src.startsWith(c.right, c.p)) {
      c.p += c.right.length;
      break;
    }
    if (role === 'open' && src.startsWith(c.slashRight, c.p)) {
      role = 'self';
      c.p += c.right.length + 1;
      break;
    }
    if (role === 'close' || c.p >= src.length || c.p === before) return { failed: name };
    const ch = src[c.p];
    if (ch === '"' || ch === '`') {
      const v = quoted(c);
      if (v === null) return { failed: name };
      positional.push(v);
      continue;
    }
    const word = bare(c, true);
    const afterWord = c.p;
    skipSpace(c);
    if (src[c.p] === '=' && KEY.test(word)) {
      c.p++;
      skipSpace(c);
      const from = c.p;
      const v = value(c);
      if (v === null) return { failed: name };
      named.set(word, v);
      const quotes = src[from] === '"' || src[from] === '`' ? 1 : 0;
      spans.set(word, [from + quotes, c.p - quotes]);
    } else if (word === '') {
      return { failed: name };
    } else {
      c.p = afterWord;
      positional.push(word);
    }
  }
  return { role, name, delimiter, positional, named, spans, start, end: c.p };
}

// How far a broken tag's own `>}}` is looked for.
const BROKEN_REACH = 1000;

/** Where a tag that does not parse ends: its `>}}` before the next tag, else the end of its line. */
export function brokenEnd(src: string, start: number): number {
  const opener = /\{\{[<%]/g;
  opener.lastIndex = start + 3;
  const nextOpen = Math.min(opener.exec(src)?.index ?? src.length, start + BROKEN_REACH);
  // Only up to the next tag: a run of broken tags is read once, not once per tag.
  const stretch = src.slice(start, nextOpen);
  const close = stretch.slice(3).search(/[>%]\}\}/);
  if (close >= 0) return start + 3 + close + 3;
  const eol = stretch.indexOf('\n');
  return start + (eol < 0 ? stretch.length : eol);
}
