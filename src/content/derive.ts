/**
 * Everything Byline stores alongside a post's markdown, computed once on save
 * or import so that pages and lists never render markdown at request time.
 */
import { renderMarkdown, type RenderOptions } from './markdown.js';
import { htmlToPlainText } from './plain-text.js';
import { countWords, readingTime } from './reading-time.js';
import { summarize } from './summary.js';
import type { DerivedContent } from './types.js';

export interface DeriveInput {
  title: string;
  description: string;
  markdown: string;
  /** Front-matter `summary`, '' when absent. */
  summarySource: string;
}

/**
 * Returns the rendered HTML, TOC, summary, word count, reading time and search text of a post.
 * All of them read the rendered content, shortcodes expanded, as Hugo counts and summarizes it.
 */
export function deriveContent(input: DeriveInput, options: RenderOptions = {}): DerivedContent {
  const { html, toc } = renderMarkdown(input.markdown, options);
  const plain = htmlToPlainText(html);
  const { summaryText, summaryTruncated } = summarize(input.markdown, html, input.summarySource, options);
  const searchText = [input.title, input.description, plain]
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '')
    .join(' ');
  return {
    html,
    toc,
    summaryText,
    summaryTruncated,
    wordCount: countWords(plain),
    readingTime: readingTime(plain),
    searchText,
  };
}
