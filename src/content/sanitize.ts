/**
 * The one place rendered article HTML is made safe. Posts may contain raw HTML
 * (Hugo sites often do), so everything renderMarkdown produces passes through
 * here: an allow-list of article markup, http/https/mailto or relative URLs only.
 */
import sanitize from 'sanitize-html';
import { escapeHtml } from './escape-html.js';
import { replaceTags } from './html-tags.js';
import { htmlToPlainText } from './plain-text.js';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** The elements an article may keep. */
export const ALLOWED_TAGS = [
  ...HEADINGS,
  'p', 'div', 'span', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sup', 'sub',
  'abbr', 'cite', 'q', 'dfn', 'time',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img', 'figure', 'figcaption', 'details', 'summary', 'input',
];

const OPTIONS: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    input: [
      { name: 'type', multiple: false, values: ['checkbox'] },
      'disabled',
      'checked',
    ],
    abbr: ['title'],
    time: ['datetime'],
    ol: ['start', 'reversed'],
    details: ['open'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  // Only the class names our own renderer emits: highlighting (with line numbers and marked
  // lines), task lists, and the shortcodes' figures and link cards. The site's CSS styles them.
  allowedClasses: {
    pre: ['hljs'],
    code: ['hljs', /^language-[\w#+.-]+$/],
    span: [/^hljs-[\w-]+$/, /^language-[\w#+.-]+$/, 'line', 'hl', 'ln', /^embed-card-(provider|title|action)$/],
    ul: ['contains-task-list'],
    ol: ['contains-task-list'],
    li: ['task-list-item'],
    input: ['task-list-item-checkbox'],
    a: ['embed-card', /^embed-card-[a-z]+$/],
    figure: [/^align-(left|center|right)$/],
    p: ['figure-title'],
    th: [/^align-(left|center|right)$/],
    td: [/^align-(left|center|right)$/],
  },
  // No style attribute survives: the Content-Security-Policy (style-src 'self') would refuse it.
  allowedStyles: {},
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  // `//evil.example/x` is "relative" only in name: it leaves the site.
  allowProtocolRelative: false,
  // Drop the content of these too, not just the tags: none of it is article text.
  nonTextTags: [
    'script', 'style', 'textarea', 'option', 'select', 'noscript', 'template',
    'svg', 'math', 'iframe', 'object', 'embed', 'title', 'xmp', 'noembed', 'noframes',
  ],
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: withNoopener(attribs) }),
    // A task-list checkbox must never become an interactive form control.
    input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }),
    th: alignAsClass,
    td: alignAsClass,
  },
  // An <input> that is not a checkbox has no place in an article (most go before: withoutFormInputs).
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
};

/**
 * A table column's alignment, which Markdown writes as `style="text-align:right"` (as goldmark
 * does), becomes the class `align-right`: the site's CSS aligns it, and no inline style is needed.
 */
function alignAsClass(tagName: string, attribs: sanitize.Attributes): { tagName: string; attribs: sanitize.Attributes } {
  const { style, ...rest } = attribs;
  const align = /(?:^|;)\s*text-align\s*:\s*(left|right|center)\s*(?:;|$)/i.exec(style ?? '')?.[1]?.toLowerCase();
  return { tagName, attribs: align ? { ...rest, class: `align-${align}` } : rest };
}

/** Adds rel="noopener" to links that open a new browsing context (keeps other rel tokens). */
function withNoopener(attribs: sanitize.Attributes): sanitize.Attributes {
  if (attribs.target === undefined) return attribs;
  const rel = (attribs.rel ?? '').split(/\s+/).filter(Boolean);
  if (!rel.includes('noopener')) rel.push('noopener');
  return { ...attribs, rel: rel.join(' ') };
}

const ATTRIBUTE = /[\s/]([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The value of an input tag's `type` (the first one written, as the HTML parser keeps it). */
function inputType(tag: string): string | undefined {
  for (const m of tag.slice('<input'.length).matchAll(ATTRIBUTE)) {
    if (m[1]!.toLowerCase() === 'type') return m[2] ?? m[3] ?? m[4] ?? '';
  }
  return undefined;
}

/**
 * `html` without the <input>s that are not checkboxes. sanitize-html removes an excluded tag by
 * cutting its whole output back to where the tag began, which copies all of it: 20,000 text
 * fields in a post took 2 s at 400 KB, four times as long for twice the text. Removing them first
 * leaves its filter nothing to do but for inputs this tokenizer does not see as tags.
 */
function withoutFormInputs(html: string): string {
  if (!/<input/i.test(html)) return html;
  return replaceTags(html, (name, start, end) => {
    const tag = html.slice(start, end);
    const drop = name.toLowerCase() === 'input' && tag[1] !== '/' && inputType(tag) !== 'checkbox';
    return { text: drop ? '' : tag, end };
  });
}

/**
 * How deep elements may nest. The HTML parser looks for the element a closing tag closes from the
 * innermost open one down: with 20,000 elements left open, each stray closing tag read all of
 * them (n² for a 200 KB post of `<div>`s and `</span>`s). No article nests this deep; browsers
 * stop nesting at 512 too (docs/decisions/021-linear-time-content.md).
 */
const MAX_DEPTH = 512;

class TooDeep extends Error {}

/**
 * Returns `html` with everything outside the article allow-list removed. HTML nested deeper than
 * MAX_DEPTH is shown as its text, in one paragraph.
 */
export function sanitizeHtml(html: string): string {
  let depth = 0;
  try {
    return sanitize(withoutFormInputs(html), {
      ...OPTIONS,
      onOpenTag: () => {
        if (++depth > MAX_DEPTH) throw new TooDeep();
      },
      onCloseTag: () => {
        depth--;
      },
    });
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return `<p>${escapeHtml(htmlToPlainText(html))}</p>\n`;
  }
}
