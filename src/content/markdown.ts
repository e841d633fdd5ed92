/**
 * Markdown → safe HTML + table of contents, close to what Hugo's goldmark
 * renders for a PaperMod site (CommonMark + GFM, GitHub heading ids, linkify).
 */
import MarkdownIt from 'markdown-it';
import type { StateBlock, StateCore, Token } from 'markdown-it';
import { trailingAttributes } from './heading-attributes.js';
import { createIdFactory } from './heading-ids.js';
import { withLineAllowance } from './code-lines.js';
import { highlightCode, parseCodeOptions, renderCodeBlock } from './highlight.js';
import { linkBudgetPlugin } from './link-budget.js';
import { sanitizeHtml } from './sanitize.js';
import { tableBudgetPlugin } from './table-budget.js';
import { taskListsPlugin } from './task-lists.js';
import { renderShortcode, type ShortcodeContext } from './shortcode-html.js';
import type { RefResolver } from './shortcode-refs.js';
import { mayHaveShortcodes, normalizeNewlines, parseShortcodes, type ShortcodeNode } from './shortcodes.js';
import type { TocEntry } from './types.js';

/** Hugo's manual summary divider; only its first occurrence counts. */
export const SUMMARY_DIVIDER = '<!--more-->';

const TOC_MIN_LEVEL = 2;
const TOC_MAX_LEVEL = 4;

export interface RenderOptions {
  /** Where a `ref`/`relref` shortcode points (the importer knows); a pure rule otherwise. */
  resolveRef?: RefResolver;
}

interface RenderEnv {
  toc?: TocEntry[];
  /** HTML of the shortcodes in this render, by placeholder number. */
  shortcodes?: string[];
  /** Placeholder numbers whose HTML is a block of its own (a figure, a card, a code block). */
  blockShortcodes?: Set<number>;
  /** Placeholder numbers already put back: each shortcode's HTML goes in once (see takePlaceholder). */
  placed?: Set<number>;
}

const md = new MarkdownIt('default', {
  html: true,
  linkify: true,
  typographer: false,
  highlight: (code, lang, attrs) => {
    // Hugo's fence attributes: ```go {linenos=true hl_lines=[2]}
    const options = attrs.includes('{') ? parseCodeOptions(attrs) : null;
    return options === null ? highlightCode(code, lang) : renderCodeBlock(code, lang, options);
  },
});
md.use(taskListsPlugin);
md.use(tableBudgetPlugin);
md.core.ruler.after('linkify', 'byline_linkify_like_goldmark', linkifyLikeGoldmark);
md.core.ruler.push('byline_heading_ids', headingIds);
md.use(linkBudgetPlugin);
md.block.ruler.before('paragraph', 'byline_shortcode_block', shortcodeBlock, {
  alt: ['paragraph', 'reference', 'blockquote', 'list'],
});
md.renderer.rules.byline_shortcode = (tokens, idx) => `${(tokens[idx]?.content ?? '').replace(/\n$/, '')}\n`;
// goldmark renders GFM strikethrough as <del>, which PaperMod's CSS expects.
md.renderer.rules.s_open = () => '<del>';
md.renderer.rules.s_close = () => '</del>';

/**
 * Goldmark only links URLs with a scheme, `www.` hosts and e-mail addresses.
 * linkify-it also links bare "names.tld", which would turn file names such as
 * README.md or install.sh into links; those are put back as text. The tokens are
 * copied once: splicing each link out moved every token after it (a paragraph of
 * 10,000 file names took seconds).
 */
function linkifyLikeGoldmark(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== 'inline' || children === null) continue;
    const kept: Token[] = [];
    for (let i = 0; i < children.length; i++) {
      const [open, text, close] = [children[i]!, children[i + 1], children[i + 2]];
      const fuzzy = open.type === 'link_open' && open.markup === 'linkify' && close?.type === 'link_close';
      const shown = fuzzy && text !== undefined ? text.content : null;
      if (shown !== null && /^www\./i.test(shown)) {
        open.attrSet('href', (open.attrGet('href') ?? '').replace(/^http:/, 'https:'));
      } else if (shown !== null && !/^[a-z][a-z0-9+.-]*:/i.test(shown) && !shown.includes('@')) {
        kept.push(text!);
        i += 2;
        continue;
      }
      kept.push(open);
    }
    if (kept.length !== children.length) block.children = kept;
  }
}

/** Plain text of a heading's inline tokens, as goldmark's Text() sees it. */
function inlineText(tokens: Token[]): string {
  let text = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code_inline') text += token.content;
    else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
    else if (token.children !== null) text += inlineText(token.children);
  }
  return text;
}

/** Removes a trailing `{#id}` attribute block from the heading; returns the id if one was given. */
function takeCustomId(inline: Token): string | undefined {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  if (last === undefined || last.type !== 'text') return undefined;
  const block = trailingAttributes(last.content);
  if (block === null) return undefined;
  last.content = last.content.slice(0, block.start);
  const source = trailingAttributes(inline.content);
  if (source !== null) inline.content = inline.content.slice(0, source.start);
  return block.id;
}

function headingIds(state: StateCore): void {
  const ids = createIdFactory();
  const env = state.env as Partial<RenderEnv>;
  const tokens = state.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const open = tokens[i];
    const inline = tokens[i + 1];
    if (open?.type !== 'heading_open' || inline?.type !== 'inline') continue;
    const customId = takeCustomId(inline);
    const text = inlineText(inline.children ?? []).replace(PLACEHOLDER, '');
    let id: string;
    if (customId !== undefined) {
      id = customId;
      ids.reserve(id);
    } else {
      id = ids.generate(text);
    }
    open.attrSet('id', id);
    const level = Number(open.tag.slice(1));
    if (env.toc !== undefined && level >= TOC_MIN_LEVEL && level <= TOC_MAX_LEVEL) {
      env.toc.push({ level, id, text: text.replace(/\s+/g, ' ').trim() });
    }
  }
}

/*
 * Shortcodes are read before Markdown, as Hugo does: each becomes a placeholder word that
 * Markdown leaves alone, and its HTML takes the placeholder's place afterwards. A placeholder
 * alone on its line is a block of its own (no <p> around a figure); elsewhere it is inline.
 */
const MARKER = 'BYLINESHORTCODE7F3C';
const PLACEHOLDER = /BYLINESHORTCODE7F3C(\d+)E/g;
const placeholder = (n: number) => `${MARKER}${n}E`;
const PLACEHOLDER_LINE = /^BYLINESHORTCODE7F3C(\d+)E[ \t]*$/;

/**
 * True the first time placeholder `n` is put back. A writer can type a placeholder too: were
 * each copy replaced, a 100 KB code block typed once and its placeholder 5,000 times would make
 * 500 MB of HTML. Typed markers are read as text (asText), and whatever still looks like a
 * placeholder is replaced once: the copies after the first stay the text they are.
 */
function takePlaceholder(env: RenderEnv, n: number): boolean {
  env.placed ??= new Set();
  if (env.placed.has(n)) return false;
  env.placed.add(n);
  return true;
}

function shortcodeBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const match = PLACEHOLDER_LINE.exec(state.src.slice(start, state.eMarks[startLine]));
  const env = state.env as RenderEnv;
  const n = Number(match?.[1]);
  if (match === null || !env.blockShortcodes?.has(n) || env.placed?.has(n)) return false;
  if (silent) return true;
  takePlaceholder(env, n);
  const token = state.push('byline_shortcode', '', 0);
  token.content = env.shortcodes?.[n] ?? '';
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

// Code lines a document may number or mark: any listing a reader would read, not 100,000 empty lines.
const NUMBERED_LINES = 10_000;
const CHARS_PER_NUMBERED_LINE = 8;

// Collapsible sections inside collapsible sections…: past this depth shortcodes only leave their content.
const MAX_RENDER_DEPTH = 8;

/** `text` with each marker a writer typed made a placeholder for the marker itself, so it shows as typed. */
function asText(text: string, env: Required<RenderEnv>): string {
  return text.includes(MARKER) ? text.replaceAll(MARKER, () => placeholder(env.shortcodes.push(MARKER) - 1)) : text;
}

/** Markdown with each shortcode replaced by its placeholder (or its text), HTML kept in `env`. */
function expandShortcodes(nodes: ShortcodeNode[], ctx: ShortcodeContext | null, env: Required<RenderEnv>): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += asText(node.text, env);
    if (node.type !== 'shortcode') continue;
    const rendered = ctx === null ? undefined : renderShortcode(node, ctx);
    // Unknown: the tags go, what they wrap stays (read as Markdown where it stands).
    if (rendered === undefined) out += expandShortcodes(node.children, ctx, env);
    else if (rendered === null) continue;
    else if ('markdown' in rendered) out += asText(rendered.markdown, env);
    else {
      const n = env.shortcodes.push(rendered.html) - 1;
      if (rendered.block) env.blockShortcodes.add(n);
      out += placeholder(n);
    }
  }
  return out;
}

function contextFor(options: RenderOptions, depth: number): ShortcodeContext | null {
  if (depth > MAX_RENDER_DEPTH) return null;
  return {
    inline: (markdown) => md.renderInline(markdown, {}),
    block: (markdown) => renderUnsanitized(markdown, options, {}, depth + 1),
    resolveRef: options.resolveRef,
  };
}

/** Markdown (shortcodes expanded) to HTML, not yet sanitized. */
function renderUnsanitized(source: string, options: RenderOptions, env: RenderEnv, depth = 0): string {
  if (!mayHaveShortcodes(source)) return md.render(source, env);
  const full: Required<RenderEnv> = { toc: env.toc ?? [], shortcodes: [], blockShortcodes: new Set(), placed: new Set() };
  const nodes = parseShortcodes(normalizeNewlines(source));
  const prepared = expandShortcodes(nodes, contextFor(options, depth), full);
  const html = md.render(prepared, full);
  return html.replace(PLACEHOLDER, (whole, n: string) => {
    const shortcode = full.shortcodes[Number(n)];
    return shortcode !== undefined && takePlaceholder(full, Number(n)) ? shortcode : whole;
  });
}

/**
 * Renders `source` as-is (the summary divider is left alone). Used by
 * renderMarkdown and by the summary code, which marks the divider first.
 */
export function renderMarkdownSource(source: string, options: RenderOptions = {}): { html: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  const allowance = Math.floor(source.length / CHARS_PER_NUMBERED_LINE) + NUMBERED_LINES;
  const html = sanitizeHtml(withLineAllowance(allowance, () => renderUnsanitized(source, options, { toc })));
  return { html, toc };
}

/**
 * Renders post markdown to sanitized HTML and its table of contents (h2–h4).
 * The first `<!--more-->` ends a paragraph, as in Hugo, and leaves no trace.
 * Hugo shortcodes become what they show (shortcode-html.ts); unknown ones leave their content.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): { html: string; toc: TocEntry[] } {
  return renderMarkdownSource(markdown.replace(SUMMARY_DIVIDER, '\n\n'), options);
}
