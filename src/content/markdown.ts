/**
 * Markdown → safe HTML + table of contents, close to what Hugo's goldmark
 * renders for a PaperMod site (CommonMark + GFM, GitHub heading ids, linkify).
 */
import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import taskLists from 'markdown-it-task-lists';
import { createIdFactory } from './heading-ids.js';
import { highlightCode } from './highlight.js';
import { sanitizeHtml } from './sanitize.js';
import type { TocEntry } from './types.js';

/** Hugo's manual summary divider; only its first occurrence counts. */
export const SUMMARY_DIVIDER = '<!--more-->';

const TOC_MIN_LEVEL = 2;
const TOC_MAX_LEVEL = 4;

interface RenderEnv {
  toc: TocEntry[];
}

const md = new MarkdownIt('default', {
  html: true,
  linkify: true,
  typographer: false,
  highlight: (code, lang) => highlightCode(code, lang),
});
md.use(taskLists);
md.core.ruler.after('linkify', 'byline_linkify_like_goldmark', linkifyLikeGoldmark);
md.core.ruler.push('byline_heading_ids', headingIds);
// goldmark renders GFM strikethrough as <del>, which PaperMod's CSS expects.
md.renderer.rules.s_open = () => '<del>';
md.renderer.rules.s_close = () => '</del>';

/**
 * Goldmark only links URLs with a scheme, `www.` hosts and e-mail addresses.
 * linkify-it also links bare "names.tld", which would turn file names such as
 * README.md or install.sh into links; those are put back as text.
 */
function linkifyLikeGoldmark(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== 'inline' || children === null) continue;
    for (let i = 0; i + 2 < children.length; i++) {
      const [open, text, close] = [children[i], children[i + 1], children[i + 2]];
      if (open?.type !== 'link_open' || open.markup !== 'linkify' || close?.type !== 'link_close') continue;
      if (text === undefined) continue;
      const shown = text.content;
      if (/^www\./i.test(shown)) {
        open.attrSet('href', (open.attrGet('href') ?? '').replace(/^http:/, 'https:'));
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(shown) && !shown.includes('@')) {
        children.splice(i, 3, text);
      }
    }
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

// Hugo enables goldmark's heading attributes: "## Title {#custom-id .class}".
const ATTRIBUTE_BLOCK = /\s*\{((?:\s*(?:[#.][\w:-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}]+)))+)\s*\}\s*$/;

/** Removes a trailing `{#id}` attribute block from the heading; returns the id if one was given. */
function takeCustomId(inline: Token): string | undefined {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  if (last === undefined || last.type !== 'text') return undefined;
  const match = ATTRIBUTE_BLOCK.exec(last.content);
  if (match === null) return undefined;
  last.content = last.content.slice(0, match.index);
  inline.content = inline.content.replace(ATTRIBUTE_BLOCK, '');
  return /(?:^|\s)#([\w:-]+)/.exec(match[1] ?? '')?.[1];
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
    const text = inlineText(inline.children ?? []);
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

/**
 * Renders `source` as-is (the summary divider is left alone). Used by
 * renderMarkdown and by the summary code, which marks the divider first.
 */
export function renderMarkdownSource(source: string): { html: string; toc: TocEntry[] } {
  const env: RenderEnv = { toc: [] };
  const html = sanitizeHtml(md.render(source, env));
  return { html, toc: env.toc };
}

/**
 * Renders post markdown to sanitized HTML and its table of contents (h2–h4).
 * The first `<!--more-->` ends a paragraph, as in Hugo, and leaves no trace.
 */
export function renderMarkdown(markdown: string): { html: string; toc: TocEntry[] } {
  return renderMarkdownSource(markdown.replace(SUMMARY_DIVIDER, '\n\n'));
}
