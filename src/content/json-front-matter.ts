/**
 * Hugo's third front-matter format: a JSON object opening the file (`{` on the first line), read
 * to its matching `}` as Hugo's lexer does (braces inside strings do not count).
 */
import { nestsDeeperThan, tooDeepMessage } from './front-matter-depth.js';
import { FrontMatterError, type ParsedFrontMatter } from './front-matter.js';

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** The end (exclusive) of the object opening `text`, or -1 when it never closes. */
function objectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** True when the file's front matter is JSON (`{` opening the file, not a `{{` shortcode). */
export function hasJsonFrontMatter(text: string): boolean {
  return /^\uFEFF?\{(?!\{)/.test(text);
}

/** Splits a file with JSON front matter; errors name the line of the file they point at. */
export function parseJsonFrontMatter(raw: string): ParsedFrontMatter {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const end = objectEnd(text);
  if (end < 0) throw new FrontMatterError('JSON front matter opened with { is never closed', 1);
  let data: unknown;
  try {
    data = JSON.parse(text.slice(0, end));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    const line = /line (\d+)/.exec(message)?.[1];
    throw new FrontMatterError(
      `bad JSON front matter: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '')}`,
      line ? Number(line) : at ? lineAt(text, Number(at[1])) : 1,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('front matter must be a set of keys and values', 1);
  }
  if (nestsDeeperThan(data)) throw new FrontMatterError(tooDeepMessage, 1);
  const body = text
    .slice(end)
    .replace(/^[ \t]*\n/, '')
    .replace(/^(?:[ \t]*\n)+/, '');
  return { data: data as Record<string, unknown>, body, format: 'none' };
}

/** The line of a top-level JSON key (`"title": …`), case-insensitive, for error messages. */
export function jsonKeyLine(text: string, key: string): number | undefined {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const wanted = key.toLowerCase();
  const index = lines.findIndex((l) => (/^\s*"([^"]+)"\s*:/.exec(l)?.[1] ?? '').toLowerCase() === wanted);
  return index < 0 ? undefined : index + 1;
}
