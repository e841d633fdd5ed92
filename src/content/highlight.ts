/**
 * Server-side syntax highlighting of code blocks, class-based (`hljs-*` spans),
 * so pages need no client JavaScript and no inline styles.
 */
import hljs from 'highlight.js';

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

/**
 * Reads Hugo's options in either form: `linenos=table,hl_lines=8 15-17,linenostart=199` (the
 * `highlight` shortcode) or `{linenos=true hl_lines=[2,"4-5"]}` (a fence's attributes).
 * Null when none of them is there.
 */
export function parseCodeOptions(text: string): CodeOptions | null {
  const linenos = /\blinenos\s*=\s*["']?(\w+)/i.exec(text)?.[1]?.toLowerCase();
  const start = /\blinenostart\s*=\s*["']?(\d{1,9})/i.exec(text)?.[1];
  const hl = /\bhl_lines\s*=\s*(\[[^\]]*\]|"[^"]*"|'[^']*'|[\d\s-]+)/i.exec(text)?.[1];
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

/** Highlighted HTML split into lines, each with its open spans closed and reopened. */
function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  for (const part of html.split(/(<span[^>]*>|<\/span>|\n)/)) {
    if (part === '\n') {
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (part.startsWith('<span')) {
      open.push(part);
      line += part;
    } else if (part === '</span>') {
      open.pop();
      line += part;
    } else {
      line += part;
    }
  }
  if (line !== open.join('')) lines.push(line + '</span>'.repeat(open.length));
  return lines;
}

function withLines(html: string, options: CodeOptions): string {
  const marked = (n: number) => options.highlightLines.some(([from, to]) => n >= from && n <= to);
  return splitLines(html)
    .map((line, i) => {
      const number = options.lineNumbers ? `<span class="ln">${options.lineStart + i}</span>` : '';
      return `<span class="line${marked(i + 1) ? ' hl' : ''}">${number}${line}\n</span>`;
    })
    .join('');
}

/**
 * Returns the `<pre><code class="hljs language-x">` block for `code` in `language`,
 * or '' when the language is absent or unknown to highlight (the caller then
 * renders a plain escaped block; auto-detection is too slow to run on every save).
 */
export function highlightCode(code: string, language: string): string {
  const lang = language.trim().toLowerCase();
  if (lang === '' || hljs.getLanguage(lang) === undefined) return '';
  const { value } = hljs.highlight(code, { language: lang, ignoreIllegals: true });
  return `<pre><code class="hljs language-${escapeHtml(lang)}">${value}</code></pre>\n`;
}

/**
 * A whole code block, always: highlighted when the language is known, escaped otherwise (as a
 * fence is), with line numbers and marked lines when `options` ask for them.
 */
export function renderCodeBlock(code: string, language: string, options: CodeOptions | null = null): string {
  const lang = language.trim().toLowerCase();
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  const body = known ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
  const classes = [known ? 'hljs' : '', /^[\w#+.-]+$/.test(lang) ? `language-${lang}` : ''].filter(Boolean).join(' ');
  const lined = options !== null && (options.lineNumbers || options.highlightLines.length > 0);
  const open = classes === '' ? '<code>' : `<code class="${classes}">`;
  return `<pre>${open}${lined ? withLines(body, options) : body}</code></pre>\n`;
}
