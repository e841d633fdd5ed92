import YAML from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { nestsDeeperThan, tooDeepMessage, yamlFlowTooDeep } from './front-matter-depth.js';

export type FrontMatterFormat = 'yaml' | 'toml' | 'none';

export interface ParsedFrontMatter {
  data: Record<string, unknown>;
  /** The Markdown after the front matter, blank lines before it removed. */
  body: string;
  format: FrontMatterFormat;
}

/** A problem in a file's front matter; `line` is 1-based and counts lines of the whole file. */
export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

const DELIMITERS = { '---': 'yaml', '+++': 'toml' } as const;

interface Block {
  format: 'yaml' | 'toml';
  /** Lines between the delimiters; the first of them is line 2 of the file. */
  lines: string[];
  /** File line of the closing delimiter. */
  closingLine: number;
  body: string;
}

/** BOM and CRLF are editor noise: every parser here sees LF-only text. */
function normalize(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}

function findBlock(text: string): Block | null {
  const lines = text.split('\n');
  const first = (lines[0] ?? '').trimEnd();
  if (/^\{(?!\{)/.test(first)) {
    throw new FrontMatterError('JSON front matter is not supported; convert it to YAML (---) or TOML (+++)', 1);
  }
  if (first !== '---' && first !== '+++') return null;
  const close = lines.findIndex((line, i) => i > 0 && line.trimEnd() === first);
  if (close < 0) throw new FrontMatterError(`front matter opened with ${first} is never closed`, 1);
  return {
    format: DELIMITERS[first],
    lines: lines.slice(1, close),
    closingLine: close + 1,
    body: lines
      .slice(close + 1)
      .join('\n')
      .replace(/^(?:[ \t]*\n)+/, ''),
  };
}

/** "Missing closing "quote at line 3, column 1:\n\n…" → "Missing closing "quote". */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/** Unclosed quotes and brackets are noticed lines later; point at the line that opened them instead. */
const OPENERS: [RegExp, string][] = [
  [/Missing closing "quote/, '"'],
  [/Missing closing 'quote/, "'"],
  [/end with a \]/, '['],
  [/end with a \}/, '{'],
];

function openingLine(lines: string[], reported: number, message: string): number {
  const opener = OPENERS.find(([pattern]) => pattern.test(message))?.[1];
  if (!opener) return reported;
  for (let i = Math.min(reported, lines.length) - 1; i >= 0; i -= 1) {
    if (lines[i]?.includes(opener)) return i + 1;
  }
  return reported;
}

/** The file line of the first front-matter line matching `pattern`, else of the first front-matter line. */
function lineMatching(block: Block, pattern: RegExp): number {
  const i = block.lines.findIndex((line) => pattern.test(line));
  return Math.min(i < 0 ? 2 : i + 2, block.closingLine);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when a value contains itself: a YAML alias used inside its own anchor (`a: &x [*x]`). */
function refersToItself(value: unknown, holders = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object' || value instanceof Date) return false;
  if (holders.has(value)) return true;
  holders.add(value);
  const found = Object.values(value).some((child) => refersToItself(child, holders));
  holders.delete(value);
  return found;
}

function parseYaml(block: Block): unknown {
  const source = block.lines.join('\n');
  const deep = yamlFlowTooDeep(source);
  if (deep >= 0) throw new FrontMatterError(tooDeepMessage, source.slice(0, deep).split('\n').length + 1);
  let data: unknown;
  try {
    // A key written twice is read as Hugo's YAML reader did when such sites were built: the last
    // one wins (PaperMod's own post template long wrote `disableHLJS` twice).
    data = YAML.parse(source, { logLevel: 'error', prettyErrors: true, uniqueKeys: false });
  } catch (error) {
    if (error instanceof YAML.YAMLError) {
      const message = firstLine(error.message);
      const line = openingLine(block.lines, error.linePos?.[0]?.line ?? 1, message);
      throw new FrontMatterError(`bad YAML front matter: ${message}`, Math.min(line + 1, block.closingLine));
    }
    // Aliases are resolved after parsing, and their errors (an unknown anchor, an alias bomb) are
    // plain ReferenceErrors: "Unresolved alias (the anchor must be set before the alias): name".
    if (error instanceof ReferenceError) {
      const name = /alias\b.*: (\S+)$/.exec(error.message)?.[1];
      const line = lineMatching(block, name ? new RegExp(`\\*${escapeRegExp(name)}(?![\\w-])`) : /\*[^\s*]/);
      throw new FrontMatterError(`bad YAML front matter: ${firstLine(error.message)}`, line);
    }
    throw error;
  }
  if (refersToItself(data)) {
    const line = lineMatching(block, /\*[^\s*]/);
    throw new FrontMatterError('bad YAML front matter: an alias is used inside its own anchor', line);
  }
  return data;
}

function parseTomlBlock(block: Block): unknown {
  try {
    return parseToml(block.lines.join('\n'));
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = firstLine(error.message).replace(/^Invalid TOML document: /, '');
    throw new FrontMatterError(`bad TOML front matter: ${message}`, Math.min(error.line + 1, block.closingLine));
  }
}

/** Splits a Hugo content file into its front matter (YAML `---` or TOML `+++`) and its Markdown body. */
export function parseFrontMatter(text: string): ParsedFrontMatter {
  const normalized = normalize(text);
  const block = findBlock(normalized);
  if (!block) return { data: {}, body: normalized, format: 'none' };
  const data = block.format === 'yaml' ? parseYaml(block) : parseTomlBlock(block);
  if (data === null || data === undefined) return { data: {}, body: block.body, format: block.format };
  if (nestsDeeperThan(data)) throw new FrontMatterError(tooDeepMessage, 2);
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('front matter must be a set of keys and values', 2);
  }
  return { data: data as Record<string, unknown>, body: block.body, format: block.format };
}

const KEY_PATTERNS = {
  yaml: /^(["']?)([^"':#\s][^"':#]*?)\1[ \t]*:(?:\s|$)/,
  toml: /^[ \t]*(["']?)([A-Za-z0-9_-]+)\1[ \t]*=/,
};

/**
 * The file line of a top-level front-matter key (case-insensitive, as Hugo reads keys),
 * or undefined when the key is not written there. Used to point errors at the right line.
 */
export function frontMatterKeyLine(text: string, key: string): number | undefined {
  let block: Block | null;
  try {
    block = findBlock(normalize(text));
  } catch {
    return undefined;
  }
  if (!block) return undefined;
  const wanted = key.toLowerCase();
  for (const [i, line] of block.lines.entries()) {
    if (block.format === 'toml' && /^[ \t]*\[/.test(line)) return undefined;
    const match = KEY_PATTERNS[block.format].exec(line);
    if (match?.[2]?.trim().toLowerCase() === wanted) return i + 2;
  }
  return undefined;
}

/**
 * YAML front matter with the keys in the order given, a blank line, then the body.
 * Blank lines around the body are dropped, so the file ends with exactly one newline.
 */
export function serializeFrontMatter(data: Record<string, unknown>, body: string): string {
  const yaml = Object.keys(data).length === 0 ? '' : YAML.stringify(data, { lineWidth: 0 });
  const trimmed = body.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  return `---\n${yaml}---\n${trimmed ? `\n${trimmed}\n` : ''}`;
}
