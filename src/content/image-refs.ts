/**
 * Where a post's Markdown points at images: `![alt](path "title")`, reference definitions used by
 * images, links to image files, raw HTML `<img src>` / `srcset`, and Hugo's `figure` shortcode.
 * Code (fenced, indented, inline spans, `highlight` shortcodes) and HTML comments are skipped:
 * a path shown as an example is text, not an image. Pure functions.
 */
import { codeMask, escaped, forwardSearch, lineOf, lineStarts } from './markdown-code.js';
import { readTag } from './shortcode-tag.js';

export type ImageRefKind = 'image' | 'link' | 'definition' | 'html' | 'srcset' | 'shortcode';

export interface ImageRef {
  /** The address as written: no angle brackets or quotes, escapes and entities untouched. */
  url: string;
  /** Offsets of `url` in the Markdown. */
  start: number;
  end: number;
  /** 1-based line of the Markdown the address is on. */
  line: number;
  kind: ImageRefKind;
}

/** Extensions a plain link or a reference definition must end in to count as pointing at an image. */
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|svg)$/i;

/** True when the address's path (query and fragment aside) names an image file. */
export function looksLikeImagePath(url: string): boolean {
  return IMAGE_EXTENSION.test(url.replace(/[?#].*$/s, ''));
}

const normalizeLabel = (label: string) => label.trim().replace(/\s+/g, ' ').toLowerCase();

type Found = Omit<ImageRef, 'line'>;

// Past this depth of parentheses a destination is not a link, as in markdown-it.
const MAX_PAREN_DEPTH = 32;
// How far back a link's `[` may be from its `]`.
const MAX_LINK_TEXT = 2000;

/**
 * For each unescaped `]` directly followed by `(`, the `[` it closes within its paragraph, found in
 * one pass over the text (a stack of open brackets, emptied at each blank line). Looking back from
 * every `](` instead read up to 2,000 characters for each.
 */
function linkBrackets(text: string): Map<number, number> {
  const partners = new Map<number, number>();
  const open: number[] = [];
  let backslashes = 0;
  let lineBlank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const isEscaped = backslashes % 2 === 1;
    backslashes = c === '\\' ? backslashes + 1 : 0;
    if (c === '\n') {
      if (lineBlank) open.length = 0;
      lineBlank = true;
      continue;
    }
    if (c !== ' ' && c !== '\t') lineBlank = false;
    if (isEscaped) continue;
    if (c === '[') open.push(i);
    else if (c === ']') {
      const at = open.pop();
      if (at !== undefined && text[i + 1] === '(' && i - at < MAX_LINK_TEXT) partners.set(i, at);
    }
  }
  return partners;
}

/** The first unescaped `closer` at or after a position, positions only growing, the text read once. */
function closerFinder(text: string): (closer: string, from: number) => number {
  const known = new Map<string, { from: number; at: number }>();
  return (closer, from) => {
    const last = known.get(closer);
    if (last !== undefined && from >= last.from && (last.at < 0 || last.at >= from)) return last.at;
    let at = from;
    while (at < text.length && (text[at] !== closer || escaped(text, at))) at++;
    if (at >= text.length) at = -1;
    known.set(closer, { from, at });
    return at;
  };
}

/** The destination of an inline link starting right after `(`, CommonMark's rules, or null. */
function destination(
  text: string,
  from: number,
  findCloser: (closer: string, from: number) => number,
): { start: number; end: number } | null {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '\n') i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  let start: number;
  let end: number;
  let after: number;
  if (text[i] === '<') {
    start = i + 1;
    end = start;
    while (end < text.length && text[end] !== '>' && text[end] !== '\n' && text[end] !== '<') end++;
    if (text[end] !== '>') return null;
    after = end + 1;
  } else {
    start = i;
    let depth = 0;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < text.length) {
        i += 2;
        continue;
      }
      if (c <= ' ') break;
      if (c === '(' && ++depth > MAX_PAREN_DEPTH) return null;
      if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
      i++;
    }
    end = i;
    after = i;
  }
  let j = after;
  while (j < text.length && /\s/.test(text[j]!)) j++;
  if (j > after && (text[j] === '"' || text[j] === "'" || text[j] === '(')) {
    j = findCloser(text[j] === '(' ? ')' : text[j]!, j + 1);
    if (j < 0) return null;
    j++;
    while (j < text.length && /\s/.test(text[j]!)) j++;
  }
  return text[j] === ')' && end > start ? { start, end } : null;
}

function inlineLinks(text: string, out: Found[]): void {
  const brackets = linkBrackets(text);
  const findCloser = closerFinder(text);
  for (const [p, open] of brackets) {
    const dest = destination(text, p + 2, findCloser);
    if (!dest) continue;
    const image = open > 0 && text[open - 1] === '!' && !escaped(text, open - 1);
    const url = text.slice(dest.start, dest.end);
    if (image || looksLikeImagePath(url)) out.push({ url, ...dest, kind: image ? 'image' : 'link' });
  }
}

/** Labels of reference-style images: `![alt][label]`, `![label][]`, `![label]`. */
function imageLabels(text: string): Set<string> {
  const labels = new Set<string>();
  for (const m of text.matchAll(
    /!\[((?:[^\]\\\n]|\\.){0,999})\](?:\[((?:[^\]\\\n]|\\.){0,999})\])?(?!\()/g,
  )) {
    labels.add(normalizeLabel(m[2] || m[1] || ''));
  }
  return labels;
}

function definitions(text: string, out: Found[]): void {
  const labels = imageLabels(text);
  const pattern = /^ {0,3}\[((?:[^\]\\]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<[^>\n]*>|\S+)/gm;
  for (const m of text.matchAll(pattern)) {
    const written = m[2]!;
    const angled = written.startsWith('<');
    const url = angled ? written.slice(1, -1) : written;
    const start = m.index + m[0].length - written.length + (angled ? 1 : 0);
    if (url && (labels.has(normalizeLabel(m[1]!)) || looksLikeImagePath(url))) {
      out.push({ url, start, end: start + url.length, kind: 'definition' });
    }
  }
}

/** Each address in a srcset value: candidates are separated by commas, descriptors follow a space. */
function srcsetUrls(value: string, offset: number, out: Found[]): void {
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i]!)) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value[i]!)) i++;
    let end = i;
    while (end > start && value[end - 1] === ',') end--;
    if (end > start)
      out.push({ url: value.slice(start, end), start: offset + start, end: offset + end, kind: 'srcset' });
    if (end < i) continue;
    while (i < value.length && value[i] !== ',') i++;
  }
}

/** Where the first group that matched begins, with `d` (indices) matches. */
function firstGroup(
  m: RegExpExecArray | RegExpMatchArray,
  groups: number[],
): { value: string; at: number } | null {
  for (const g of groups) {
    const span = m.indices?.[g];
    if (span && m[g] !== undefined) return { value: m[g]!, at: span[0] };
  }
  return null;
}

function htmlImages(text: string, out: Found[]): void {
  const attr = /\s(src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/dgi;
  const opener = /<(?:img|source)\b/gi;
  // One search for "the next >" serves every opener before it: unclosed tags stay linear.
  const nextGt = forwardSearch(text, />/g);
  for (let m = opener.exec(text); m !== null; m = opener.exec(text)) {
    const gt = nextGt(m.index);
    if (gt === null) break;
    const tag = text.slice(m.index, gt.index + 1);
    opener.lastIndex = gt.index + 1;
    for (const a of tag.matchAll(attr)) {
      const v = firstGroup(a, [2, 3, 4]);
      if (!v || !v.value.trim()) continue;
      const start = m.index + v.at;
      if (a[1]!.toLowerCase() === 'srcset') srcsetUrls(v.value, start, out);
      else out.push({ url: v.value, start, end: start + v.value.length, kind: 'html' });
    }
  }
}

/**
 * `{{< figure src="x.jpg" >}}`, `{{% figure src=x.jpg %}}`; `link=` too when it names an image.
 * Each tag is read by the shortcode reader, which stops at its end or at the next tag: a pattern
 * running to the next `>}}` read the rest of the text for every unclosed `{{< figure`.
 */
function figureShortcodes(text: string, out: Found[]): void {
  const opener = /\{\{[<%]\s*figure\b/g;
  for (let m = opener.exec(text); m !== null; m = opener.exec(text)) {
    const tag = readTag(text, m.index);
    if ('failed' in tag || tag.name !== 'figure' || tag.role === 'close') continue;
    opener.lastIndex = tag.end;
    for (const key of ['src', 'link']) {
      const span = tag.spans.get(key);
      const url = span === undefined ? '' : text.slice(span[0], span[1]);
      if (span === undefined || !url || (key === 'link' && !looksLikeImagePath(url))) continue;
      out.push({ url, start: span[0], end: span[1], kind: 'shortcode' });
    }
  }
}

/** Every image address in the Markdown, in the order they appear, code and comments left out. */
export function findImageRefs(markdown: string): ImageRef[] {
  // Most posts have no image at all: nothing to parse.
  if (!/\]\(|\]:|<img|<source|figure/i.test(markdown)) return [];
  const found: Found[] = [];
  inlineLinks(markdown, found);
  definitions(markdown, found);
  htmlImages(markdown, found);
  figureShortcodes(markdown, found);
  // Parsing the blocks is the slow part: only done when there is something to check.
  if (found.length === 0) return [];
  const starts = lineStarts(markdown);
  const mask = codeMask(markdown, starts);
  const seen = new Set<number>();
  return found
    .filter((f) => !mask[f.start] && !seen.has(f.start) && (seen.add(f.start), true))
    .sort((a, b) => a.start - b.start)
    .map((f) => ({ ...f, line: lineOf(starts, f.start) }));
}

/** The Markdown with each ref's address replaced by what `replace` answers (null: left as written). */
export function replaceImageRefs(
  markdown: string,
  refs: readonly ImageRef[],
  replace: (ref: ImageRef) => string | null,
): string {
  let out = '';
  let at = 0;
  for (const ref of [...refs].sort((a, b) => a.start - b.start)) {
    const next = replace(ref);
    if (next === null || ref.start < at) continue;
    out += markdown.slice(at, ref.start) + next;
    at = ref.end;
  }
  return out + markdown.slice(at);
}
