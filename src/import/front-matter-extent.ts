/**
 * How long a content file's front matter is, found without parsing it: YAML's parser holds
 * hundreds of bytes per byte it reads, so a huge front matter is refused before it is parsed.
 */
import { MAX_FRONT_MATTER_BYTES, ImportFileError } from './file-limits.js';
import { formatBytes } from '../media/present.js';

/** Where the front matter ends: its length in characters and its last line; null when it never closes. */
function extent(text: string): { end: number; line: number } | null {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const firstEnd = text.indexOf('\n', start);
  const first = text.slice(start, firstEnd < 0 ? undefined : firstEnd).trimEnd();
  if (first === '---' || first === '+++') {
    let line = 1;
    for (let from = firstEnd; from >= 0;) {
      const next = text.indexOf('\n', from + 1);
      line += 1;
      if (text.slice(from + 1, next < 0 ? undefined : next).trimEnd() === first)
        return { end: next < 0 ? text.length : next, line };
      from = next;
    }
    return null;
  }
  // JSON: an object opening the file (`{{` is a shortcode), to its matching brace.
  if (text[start] !== '{' || text[start + 1] === '{') return { end: 0, line: 0 };
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line += 1;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return { end: i + 1, line };
  }
  return null;
}

/** Refuses a front matter over MAX_FRONT_MATTER_BYTES, at the line where it closes. */
export function checkFrontMatterSize(text: string, max = MAX_FRONT_MATTER_BYTES): void {
  const found = extent(text);
  // One that never closes is left to the parser, which says so without parsing it. A character
  // is at most three bytes of UTF-8, so a short one needs no counting.
  if (!found || found.end <= max / 3) return;
  const bytes = Buffer.byteLength(text.slice(0, found.end));
  if (bytes > max)
    throw new ImportFileError(
      `front matter of ${formatBytes(bytes)} ends on this line; front matter over ${formatBytes(max)} is not read`,
      found.line,
    );
}
