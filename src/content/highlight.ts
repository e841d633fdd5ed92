/**
 * Server-side syntax highlighting of code blocks, class-based (`hljs-*` spans),
 * so pages need no client JavaScript and no inline styles.
 */
import { takeLines, withLines } from './code-lines.js';
import { colourCode, knownLanguage } from './colour-code.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Hugo's code block options (`linenos`, `linenostart`, `hl_lines`) that change what a reader sees. */
export interface CodeOptions {
  lineNumbers: boolean;
  /** The number shown on the first line. */
  lineStart: number;
  /** Lines to mark, counted from 1 at the block's first line whatever `lineStart` is, as in Hugo. */
  highlightLines: Array<[number, number]>;
}

const CLOSERS: Record<string, string> = { '[': ']', '"': '"', "'": "'" };

/**
 * The first `hl_lines=` value that reads: `[…]`, `"…"`, `'…'` or digits, spaces and dashes. A
 * pattern did this, and read to the end of the text again at every `hl_lines=[` left unclosed; here
 * a closer looked for and missing is remembered, so the text is read once.
 */
function hlLinesValue(text: string): string | undefined {
  const missing = new Map<string, number>();
  for (const m of text.matchAll(/\bhl_lines\s*=(\s*)/gi)) {
    const at = m.index + m[0].length;
    const closer = CLOSERS[text[at] ?? ''];
    if (closer !== undefined) {
      const close = at + 1 >= (missing.get(closer) ?? Infinity) ? -1 : text.indexOf(closer, at + 1);
      if (close >= 0) return text.slice(at, close + 1);
      missing.set(closer, Math.min(missing.get(closer) ?? Infinity, at + 1));
    }
    const digits = /[\d\s-]+/y;
    digits.lastIndex = at;
    const value = digits.exec(text)?.[0];
    if (value !== undefined) return value;
    // As the pattern did: spaces after `=` are a value of their own.
    if (m[1] !== '') return m[1];
  }
  return undefined;
}

/**
 * Reads Hugo's options in either form: `linenos=table,hl_lines=8 15-17,linenostart=199` (the
 * `highlight` shortcode) or `{linenos=true hl_lines=[2,"4-5"]}` (a fence's attributes).
 * Null when none of them is there.
 */
export function parseCodeOptions(text: string): CodeOptions | null {
  const linenos = /\blinenos\s*=\s*["']?(\w+)/i.exec(text)?.[1]?.toLowerCase();
  const start = /\blinenostart\s*=\s*["']?(\d{1,9})/i.exec(text)?.[1];
  const hl = hlLinesValue(text);
  if (linenos === undefined && start === undefined && hl === undefined) return null;
  const highlightLines: Array<[number, number]> = [];
  for (const m of (hl ?? '').matchAll(/(\d{1,9})(?:\s*-\s*(\d{1,9}))?/g)) {
    const from = Number(m[1]);
    highlightLines.push([from, m[2] === undefined ? from : Number(m[2])]);
  }
  return {
    lineNumbers: linenos !== undefined && linenos !== 'false',
    lineStart: start === undefined ? 1 : Number(start),
    highlightLines,
  };
}

/**
 * Returns the `<pre><code class="hljs language-x">` block for `code` in `language`,
 * or '' when the language is absent or unknown to highlight, or the code is not coloured
 * (colour-code.ts); the caller then renders a plain escaped block (auto-detection is too slow
 * to run on every save).
 */
export function highlightCode(code: string, language: string): string {
  const lang = language.trim().toLowerCase();
  const value = knownLanguage(lang) ? colourCode(code, lang) : null;
  if (value === null) return '';
  return `<pre><code class="hljs language-${escapeHtml(lang)}">${value}</code></pre>\n`;
}

/**
 * A whole code block, always: highlighted when the language is known, escaped otherwise (as a
 * fence is), with line numbers and marked lines when `options` ask for them and the document's
 * line allowance has room.
 */
export function renderCodeBlock(code: string, language: string, options: CodeOptions | null = null): string {
  const lang = language.trim().toLowerCase();
  const coloured = knownLanguage(lang) ? colourCode(code, lang) : null;
  const known = coloured !== null;
  const body = coloured ?? escapeHtml(code);
  const classes = [known ? 'hljs' : '', /^[\w#+.-]+$/.test(lang) ? `language-${lang}` : ''].filter(Boolean).join(' ');
  const lined = options !== null && (options.lineNumbers || options.highlightLines.length > 0) && takeLines(code);
  const open = classes === '' ? '<code>' : `<code class="${classes}">`;
  return `<pre>${open}${lined ? withLines(body, () => escapeHtml(code), options) : body}</code></pre>\n`;
}
