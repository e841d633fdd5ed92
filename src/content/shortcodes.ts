/**
 * Hugo shortcodes as a tree: each one with its arguments and, when it has a closing tag, its inner
 * text and the shortcodes inside it. The renderer (markdown.ts) turns the tree into HTML; the
 * importer asks which names Byline does not render. The Markdown itself is never rewritten.
 */
import { hasRawInner, lexShortcodes, type Delimiter, type LexItem, type Tag } from './shortcode-lexer.js';

export interface Shortcode {
  type: 'shortcode';
  name: string;
  delimiter: Delimiter;
  positional: string[];
  named: Map<string, string>;
  /** The text between the opening and the closing tag as written; null when there is no closing tag. */
  inner: string | null;
  /** The inner text read as text and shortcodes ([] for code and comments, whose inner is not read). */
  children: ShortcodeNode[];
  /** The shortcode as written, from its opening tag to the end of its closing tag. */
  source: string;
}

export type ShortcodeNode =
  | { type: 'text'; text: string }
  | Shortcode
  /** A closing tag with no opening tag, or a tag that does not parse: it renders as nothing. */
  | { type: 'dropped'; name: string; source: string; broken: boolean };

/**
 * The shortcodes Byline renders (Hugo's built-ins and the collapsible-section names themes use).
 * `param` and `qr` are Hugo built-ins too, but need the site's settings or an image: they count
 * as unknown, so the import report names them.
 */
export const KNOWN_SHORTCODES: ReadonlySet<string> = new Set([
  'figure',
  'highlight',
  'ref',
  'relref',
  'comment',
  'youtube',
  'vimeo',
  'vimeo_simple',
  'x',
  'x_simple',
  'twitter',
  'twitter_simple',
  'tweet',
  'instagram',
  'instagram_simple',
  'gist',
  'details',
  'collapse',
  'spoiler',
  'expand',
]);

/** Markdown with `\n` line ends only, as markdown-it reads it (offsets then match). */
export function normalizeNewlines(markdown: string): string {
  return markdown.replace(/\r\n?/g, '\n');
}

/** True when `markdown` might hold a shortcode: the renderer's fast path skips the rest. */
export function mayHaveShortcodes(markdown: string): boolean {
  return markdown.includes('{{<') || markdown.includes('{{%');
}

/** Deeper nesting than this is not a real post: the extra opening tags stand alone. */
const MAX_DEPTH = 32;

/** Pairs each closing tag with the nearest open tag of the same name; opens left over stand alone. */
function partners(items: LexItem[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: Array<{ index: number; name: string }> = [];
  // Heights in `open` per name, so a closing tag finds its match without walking the stack.
  const heights = new Map<string, number[]>();
  items.forEach((item, index) => {
    if (item.kind !== 'tag') return;
    const { role, name } = item.tag;
    if (role === 'open' && open.length < MAX_DEPTH) {
      const list = heights.get(name);
      if (list === undefined) heights.set(name, [open.length]);
      else list.push(open.length);
      open.push({ index, name });
    }
    const height = role === 'close' ? heights.get(name)?.at(-1) : undefined;
    if (height === undefined) return;
    pairs.set(open[height]!.index, index);
    while (open.length > height) heights.get(open.pop()!.name)!.pop();
  });
  return pairs;
}

function shortcodeOf(tag: Tag, inner: string | null, children: ShortcodeNode[], source: string): Shortcode {
  const { name, delimiter, positional, named } = tag;
  return { type: 'shortcode', name, delimiter, positional, named, inner, children, source };
}

function build(
  src: string,
  items: LexItem[],
  pairs: Map<number, number>,
  from: number,
  to: number,
): ShortcodeNode[] {
  const nodes: ShortcodeNode[] = [];
  for (let i = from; i < to; i++) {
    const item = items[i]!;
    if (item.kind === 'text') {
      const last = nodes[nodes.length - 1];
      if (last?.type === 'text') last.text += item.text;
      else nodes.push({ type: 'text', text: item.text });
    } else if (item.kind === 'broken') {
      nodes.push({ type: 'dropped', name: item.name, source: item.source, broken: true });
    } else if (item.kind === 'raw') {
      nodes.push(shortcodeOf(item.tag, item.inner, [], src.slice(item.tag.start, item.end)));
    } else if (item.tag.role === 'close') {
      nodes.push({
        type: 'dropped',
        name: item.tag.name,
        source: src.slice(item.tag.start, item.tag.end),
        broken: false,
      });
    } else {
      const close = pairs.get(i);
      const closeItem = close === undefined ? undefined : items[close];
      if (close === undefined || closeItem?.kind !== 'tag') {
        nodes.push(shortcodeOf(item.tag, null, [], src.slice(item.tag.start, item.tag.end)));
        continue;
      }
      const inner = src.slice(item.tag.end, closeItem.tag.start);
      // Code and comments keep their inner text as written even when the closing tag matched here.
      const children = hasRawInner(item.tag.name) ? [] : build(src, items, pairs, i + 1, close);
      nodes.push(shortcodeOf(item.tag, inner, children, src.slice(item.tag.start, closeItem.tag.end)));
      i = close;
    }
  }
  return nodes;
}

/** The shortcodes of `markdown` as a tree; text between them as written (code untouched). */
export function parseShortcodes(markdown: string): ShortcodeNode[] {
  const src = normalizeNewlines(markdown);
  if (!mayHaveShortcodes(src)) return src === '' ? [] : [{ type: 'text', text: src }];
  const items = lexShortcodes(src);
  return build(src, items, partners(items), 0, items.length);
}

function walk(nodes: ShortcodeNode[], visit: (node: ShortcodeNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.type === 'shortcode') walk(node.children, visit);
  }
}

/** The distinct names of shortcodes the renderer does not know, in order of first use (code aside). */
export function unknownShortcodes(markdown: string): string[] {
  const names = new Set<string>();
  walk(parseShortcodes(markdown), (node) => {
    if (node.type === 'text' || node.name === '' || KNOWN_SHORTCODES.has(node.name)) return;
    if (node.type === 'dropped' && node.broken) return;
    names.add(node.name);
  });
  return [...names];
}

/** Tags that do not parse (an unclosed quote, a missing `>}}`), as written: each renders as nothing. */
export function brokenShortcodes(markdown: string): string[] {
  const broken: string[] = [];
  walk(parseShortcodes(markdown), (node) => {
    if (node.type === 'dropped' && node.broken) broken.push(node.source);
  });
  return broken;
}

/** The first positional argument, or the named one under any of `names`; '' when absent. */
export function argOf(node: Shortcode, position: number, ...names: string[]): string {
  for (const name of names) {
    const value = node.named.get(name);
    if (value !== undefined) return value;
  }
  return position >= 0 ? (node.positional[position] ?? '') : '';
}

/** The targets of `ref`/`relref` shortcodes, in order: what the importer must be able to resolve. */
export function refTargets(markdown: string): string[] {
  const targets: string[] = [];
  walk(parseShortcodes(markdown), (node) => {
    if (node.type === 'shortcode' && (node.name === 'ref' || node.name === 'relref')) {
      targets.push(argOf(node, 0, 'path'));
    }
  });
  return targets;
}
