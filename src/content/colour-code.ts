/**
 * highlight.js's grammars are regular expressions run over the code, and some take time that grows
 * with the square of what they read (measured over every grammar, docs/decisions/021-linear-time-content.md):
 * most on one long run without spaces (a 16 KB word took 1.5 s in `c`), a few on plain code
 * (`csharp`: 16 KB of two-letter words, 1.3 s; `yaml`, `nestedtext`, `xl`, `livescript`). So code
 * is coloured a piece at a time, cut at line ends (before an unindented line where it can), and
 * code that cannot be cut that way is not coloured: its block shows as escaped text, as for a
 * language highlight.js does not know.
 */
import hljs from 'highlight.js';

/** Longer runs of non-space characters, or of spaces and tabs, are not code anyone reads. */
const MAX_RUN = 256;
/** Code is coloured this many characters at a time: a block this size or smaller, whole, as before. */
const PIECE = 8192;
/** Grammars slow on plain code, coloured in smaller pieces. */
const SMALL_PIECE = 1024;
const SLOW_GRAMMARS = new Set(
  ['csharp', 'yaml', 'nestedtext', 'xl', 'livescript', 'markdown', 'avrasm', 'xquery'].map((name) => hljs.getLanguage(name)),
);

/** True when `code` has a run of more than MAX_RUN non-space characters, or of spaces and tabs. */
function hasLongRun(code: string): boolean {
  let word = 0;
  let blank = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    const space = c === 32 || c === 9;
    const newline = c === 10 || c === 13;
    word = space || newline ? 0 : word + 1;
    blank = space ? blank + 1 : 0;
    if (word > MAX_RUN || blank > MAX_RUN) return true;
  }
  return false;
}

/**
 * Where to end the piece that starts at `start`: after the last line break within `size` that is
 * followed by an unindented line, if there is one in the piece's second half (a multi-line comment
 * or string is less often cut there), else after the last line break; -1 when a line is longer.
 */
function cutAt(code: string, start: number, size: number): number {
  const last = code.lastIndexOf('\n', start + size - 1);
  if (last < start) return -1;
  for (let at = last; at >= start + size / 2; at = code.lastIndexOf('\n', at - 1)) {
    const next = code[at + 1];
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '\n') return at;
  }
  return last;
}

/** `code` cut at line ends into pieces of at most `size` characters; null when a line is longer. */
function pieces(code: string, size: number): string[] | null {
  const out: string[] = [];
  let start = 0;
  while (code.length - start > size) {
    const cut = cutAt(code, start, size);
    if (cut < 0) return null;
    out.push(code.slice(start, cut + 1));
    start = cut + 1;
  }
  out.push(code.slice(start));
  return out;
}

/** True when highlight.js knows `language` (already trimmed and lowercased). */
export const knownLanguage = (language: string): boolean => language !== '' && hljs.getLanguage(language) !== undefined;

/** The coloured HTML of `code` (`hljs-*` spans), or null when it is left uncoloured. */
export function colourCode(code: string, language: string): string | null {
  const grammar = hljs.getLanguage(language);
  if (grammar === undefined || hasLongRun(code)) return null;
  const parts = pieces(code, SLOW_GRAMMARS.has(grammar) ? SMALL_PIECE : PIECE);
  if (parts === null) return null;
  return parts.map((part) => hljs.highlight(part, { language, ignoreIllegals: true }).value).join('');
}
