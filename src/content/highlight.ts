/**
 * Server-side syntax highlighting of fenced code, class-based (`hljs-*` spans),
 * so pages need no client JavaScript.
 */
import hljs from 'highlight.js';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Returns the `<pre><code class="hljs language-x">` block for `code` in `language`,
 * or '' when the language is absent or unknown to highlight.js (the caller then
 * renders a plain escaped block; auto-detection is too slow to run on every save).
 */
export function highlightCode(code: string, language: string): string {
  const lang = language.trim().toLowerCase();
  if (lang === '' || hljs.getLanguage(lang) === undefined) return '';
  const { value } = hljs.highlight(code, { language: lang, ignoreIllegals: true });
  return `<pre><code class="hljs language-${escapeHtml(lang)}">${value}</code></pre>\n`;
}
