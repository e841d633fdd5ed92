/**
 * The list-page summary of a post, as Hugo (≥ 0.134, with the 0.150 `Truncated`
 * fix) computes `.Summary`/`.Truncated` and PaperMod shows them:
 * `{{ .Summary | plainify | htmlUnescape }}{{ if .Truncated }}...{{ end }}`.
 *
 * Precedence is Hugo's: a manual `<!--more-->` summary, then the front-matter
 * `summary`, then the automatic one.
 */
import { renderMarkdown, renderMarkdownSource, SUMMARY_DIVIDER, type RenderOptions } from './markdown.js';
import { htmlToPlainText, withoutEmbedCards } from './plain-text.js';
import { countWords } from './reading-time.js';

/** Hugo's default `summaryLength`. */
export const SUMMARY_LENGTH = 70;

export interface Summary {
  summaryText: string;
  summaryTruncated: boolean;
}

// Plain letters and digits survive markdown, highlighting and sanitizing untouched.
const DIVIDER_MARK = 'BYLINESUMMARYDIVIDER7F3C';

// Hugo skips whitespace-separated pieces of raw HTML that look like tags or attributes.
const TAG_TOKEN = /^<\/?[A-Za-z]+>?$/;
const ATTRIBUTE_TOKEN = /^[A-Za-z]+=["']/;

function stripTags(token: string): string {
  return token.replace(/<[^>]*(>|$)/g, '');
}

/**
 * Words in a stretch of raw HTML, counted token by token as Hugo does; the count stops once it
 * reaches `enough` (the summary only asks whether it has), so a huge first paragraph is not
 * read to its end.
 */
function countHtmlWords(html: string, enough: number): number {
  let count = 0;
  for (const m of html.matchAll(/\S+/g)) {
    const token = m[0];
    if (token === '>' || TAG_TOKEN.test(token) || ATTRIBUTE_TOKEN.test(token)) continue;
    count += countWords(stripTags(token));
    if (count >= enough) break;
  }
  return count;
}

/** `text` without its last character (a whole code point, as Go's rune loop sees it). */
function withoutLastCharacter(text: string): string {
  const low = text.charCodeAt(text.length - 1);
  const high = text.charCodeAt(text.length - 2);
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(0, pair ? -2 : -1);
}

/**
 * Index in `html` where the automatic summary ends: just after the first `</p>`
 * at which the running word count, over everything before it (headings, lists,
 * code…), reaches `length`; the whole content when none does.
 */
export function autoSummaryEnd(html: string, length: number = SUMMARY_LENGTH): number {
  let count = 0;
  for (let start = 0; ; ) {
    const close = html.indexOf('</p>', start);
    if (close < 0) return html.length;
    // Hugo's word loop never reaches the last character before `</p>`, so a
    // one-letter final word ("… of a</p>") goes uncounted; kept for identical cuts.
    const chunk = withoutLastCharacter(html.slice(start, close));
    count += countHtmlWords(chunk, length - count);
    if (count >= length) return close + '</p>'.length;
    start = close + '</p>'.length;
  }
}

/** True when the HTML left after a summary still holds something besides closing tags. */
function hasMore(rest: string): boolean {
  return rest.replace(/<\/[A-Za-z][A-Za-z0-9]*>/g, '').trim() !== '';
}

function manualSummary(markdown: string, options: RenderOptions): Summary | undefined {
  if (!markdown.includes(SUMMARY_DIVIDER)) return undefined;
  // Hugo puts the divider in a paragraph of its own, then cuts there.
  const marked = renderMarkdownSource(markdown.replace(SUMMARY_DIVIDER, `\n\n${DIVIDER_MARK}\n\n`), options).html;
  const at = marked.indexOf(DIVIDER_MARK);
  if (at < 0) return undefined;
  return {
    summaryText: htmlToPlainText(marked.slice(0, at)),
    summaryTruncated: hasMore(marked.slice(at + DIVIDER_MARK.length)),
  };
}

/**
 * Returns the summary text (plain, whitespace collapsed, no dots) and whether
 * the list should mark it as truncated. `html` is the post's rendered content
 * (shortcodes expanded, as Hugo summarizes its rendered content); embed link
 * cards count for nothing, like the frames Hugo puts in their place.
 */
export function summarize(markdown: string, html: string, frontMatterSummary: string, options: RenderOptions = {}): Summary {
  const manual = manualSummary(markdown, options);
  if (manual !== undefined && manual.summaryText !== '') return manual;
  if (frontMatterSummary.trim() !== '') {
    // Shown as written: never marked truncated.
    return { summaryText: htmlToPlainText(renderMarkdown(frontMatterSummary, options).html), summaryTruncated: false };
  }
  if (manual !== undefined) return manual;
  const content = withoutEmbedCards(html);
  const end = autoSummaryEnd(content);
  return { summaryText: htmlToPlainText(content.slice(0, end)), summaryTruncated: hasMore(content.slice(end)) };
}
