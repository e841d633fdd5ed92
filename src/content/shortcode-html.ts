/**
 * What each shortcode Byline knows becomes, as HTML (sanitized later with the rest of the post).
 * Structure follows Hugo's built-in templates, so the rendered text (and its word count) matches.
 */
import { renderCodeBlock, parseCodeOptions } from './highlight.js';
import { htmlToPlainText } from './plain-text.js';
import { embedCard } from './shortcode-embeds.js';
import { uncomment } from './shortcode-lexer.js';
import { refUrl, type RefResolver } from './shortcode-refs.js';
import { argOf, type Shortcode } from './shortcodes.js';
import { escapeHtml } from './escape-html.js';

export interface ShortcodeContext {
  /** Inline Markdown (a caption, a summary line) as HTML. */
  inline(markdown: string): string;
  /** Block Markdown (a collapsible section's content) as HTML, its own shortcodes expanded. */
  block(markdown: string): string;
  resolveRef?: RefResolver;
}

/** HTML in place of the shortcode (`block` when it stands as a block of its own), Markdown text, or nothing. */
export type Rendered = { html: string; block: boolean } | { markdown: string } | null;

const truthy = (value: string | undefined) =>
  value !== undefined && /^(true|1|yes|open)$/i.test(value.trim());

/** Removes the indentation every non-blank line shares (a shortcode inside a list item). */
export function deindent(text: string): string {
  const lines = text.split('\n');
  // A loop, not Math.min(...indents): spreading some 130,000 lines or more overflows the call stack.
  let common = Infinity;
  for (const l of lines) if (l.trim() !== '') common = Math.min(common, /^[ \t]*/.exec(l)![0].length);
  if (common === Infinity) common = 0;
  return common === 0
    ? text
    : lines.map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

const ALIGN = /^(left|center|right)$/;

function figure(node: Shortcode, ctx: ShortcodeContext): string {
  const get = (key: string) => node.named.get(key)?.trim() ?? '';
  const caption = get('caption');
  const captionHtml = caption === '' ? '' : ctx.inline(caption);
  const alt = node.named.get('alt') ?? (caption === '' ? '' : htmlToPlainText(captionHtml));
  let img = `<img src="${escapeHtml(get('src'))}" alt="${escapeHtml(alt)}"`;
  for (const key of ['width', 'height']) if (/^\d{1,5}$/.test(get(key))) img += ` ${key}="${get(key)}"`;
  if (/^(lazy|eager)$/.test(get('loading'))) img += ` loading="${get('loading')}"`;
  img += '>';
  const link = get('link');
  if (link !== '') {
    const target = get('target') === '' ? '' : ` target="${escapeHtml(get('target'))}"`;
    const rel = get('rel') === '' ? '' : ` rel="${escapeHtml(get('rel'))}"`;
    img = `<a href="${escapeHtml(link)}"${target}${rel}>${img}</a>`;
  }
  // Only alignment classes are kept (the site's CSS knows them); a theme's own classes are not.
  const align = [
    get('align'),
    ...get('class')
      .split(/\s+/)
      .map((c) => c.replace(/^align-/, '')),
  ].filter((a) => ALIGN.test(a));
  const classAttr = align.length === 0 ? '' : ` class="align-${align[0]}"`;
  const title = get('title');
  const attr = get('attr');
  let figcaption = '';
  if (title !== '' || caption !== '' || attr !== '') {
    const attrHtml = attr === '' ? '' : ctx.inline(attr);
    const credit =
      get('attrlink') === '' ? attrHtml : `<a href="${escapeHtml(get('attrlink'))}">${attrHtml}</a>`;
    const text = [captionHtml, credit].filter(Boolean).join(' ');
    figcaption =
      '<figcaption>' +
      (title === '' ? '' : `<p class="figure-title">${escapeHtml(title)}</p>`) +
      (text === '' ? '' : `<p>${text}</p>`) +
      '</figcaption>';
  }
  return `<figure${classAttr}>${img}${figcaption}</figure>`;
}

function details(node: Shortcode, ctx: ShortcodeContext): string {
  // Hugo's own `details` takes `summary` (its `title` is a tooltip); theme variants name it freely.
  const summary =
    node.name === 'details'
      ? argOf(node, -1, 'summary')
      : argOf(node, 0, 'summary', 'title', 'text', 'label', 'name');
  const open =
    truthy(node.named.get('open')) ||
    truthy(node.named.get('openByDefault')) ||
    node.positional.includes('open');
  const inner = node.inner === null ? '' : ctx.block(deindent(node.inner));
  return `<details${open ? ' open' : ''}><summary>${ctx.inline(summary.trim() || 'Details')}</summary>\n${inner}</details>`;
}

function highlight(node: Shortcode): string | null {
  if (node.inner === null) return null;
  const lang = argOf(node, 0, 'lang', 'language');
  const options = [node.positional[1] ?? node.named.get('options') ?? ''];
  for (const key of ['linenos', 'linenostart', 'hl_lines']) {
    const value = node.named.get(key);
    if (value !== undefined) options.push(`${key}="${value}"`);
  }
  const code = deindent(uncomment(node.inner)).replace(/^\n+|\n+$/g, '');
  return renderCodeBlock(`${code}\n`, lang, parseCodeOptions(options.join(',')));
}

const COLLAPSIBLE = new Set(['details', 'collapse', 'spoiler', 'expand']);

/** What `node` becomes; undefined when Byline does not know the shortcode. */
export function renderShortcode(node: Shortcode, ctx: ShortcodeContext): Rendered | undefined {
  if (node.name === 'figure') return { html: figure(node, ctx), block: true };
  if (COLLAPSIBLE.has(node.name)) return { html: details(node, ctx), block: true };
  if (node.name === 'highlight') {
    const html = highlight(node);
    return html === null ? null : { html, block: true };
  }
  if (node.name === 'ref' || node.name === 'relref')
    return { markdown: refUrl(argOf(node, 0, 'path'), ctx.resolveRef) };
  if (node.name === 'comment') return null;
  const card = embedCard(node);
  if (card === undefined) return undefined;
  return card === null ? null : { html: card, block: true };
}
