/**
 * Reading a Hugo site's configuration files: `hugo.*` (or `config.*`) at the root, then the
 * `config/_default/` and `config/production/` folders (what `hugo` builds with; `configDir`
 * names another folder than `config/`), merged in that order, later values winning. Keys are
 * lowercased, as Hugo reads them case-insensitively. A file that does not parse, is too large or
 * lies outside the site folder is named with its line and left out.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import YAML from 'yaml';
import { ImportFileError, MAX_CONFIG_BYTES, MAX_NESTING, readBounded, textOf } from './file-limits.js';
import { climbsOut, OUTSIDE_SITE, realPlace, siteRelative, siteRoot, type SiteRoot } from './site-paths.js';
import { nestsDeeperThan } from '../content/front-matter-depth.js';

export type ConfigData = Record<string, unknown>;

export interface ConfigProblem {
  /** Relative to the site's folder. */
  file: string;
  line?: number;
  reason: string;
}

export interface ConfigFiles {
  data: ConfigData;
  /** Files read, relative to the site's folder, in the order they were merged. */
  files: string[];
  /** The text of each file read, to point a problem found later at its line. */
  texts: Map<string, string>;
  problems: ConfigProblem[];
}

const EXTENSIONS = ['toml', 'yaml', 'yml', 'json'];
const ROOT_NAMES = ['hugo', 'config'];

const isPlainObject = (v: unknown): v is ConfigData =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** A copy with every table's keys lowercased. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** Deep merge: tables merge, anything else from `over` replaces. */
export function mergeConfig(base: ConfigData, over: ConfigData): ConfigData {
  const out: ConfigData = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isPlainObject(prev) && isPlainObject(v) ? mergeConfig(prev, v) : v;
  }
  return out;
}

/** A configuration file that does not parse; `line` is 1-based, when known. */
export class ConfigParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ConfigParseError';
  }
}

const lineOfOffset = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** An unclosed bracket or quote is noticed lines later: point at the line that opened it. */
function openerLine(text: string, message: string, reported: number | undefined): number | undefined {
  const opener = /end with a \]/.test(message)
    ? '['
    : /end with a \}/.test(message)
      ? '{'
      : /Missing closing "quote/.test(message)
        ? '"'
        : null;
  if (!opener || reported === undefined) return reported;
  const lines = text.split('\n');
  for (let i = Math.min(reported, lines.length) - 1; i >= 0; i -= 1)
    if (lines[i]?.includes(opener)) return i + 1;
  return reported;
}

/** Parses one configuration file's text (keys lowercased); throws ConfigParseError. */
export function parseConfigText(text: string, ext: string): ConfigData {
  const fail = (reason: string, line?: number): never => {
    throw new ConfigParseError(reason, line);
  };
  let data: unknown;
  try {
    if (ext === 'toml') data = parseToml(text);
    else if (ext === 'json') data = JSON.parse(text);
    else data = YAML.parse(text, { logLevel: 'error', prettyErrors: true });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    if (error instanceof TomlError)
      fail(
        `bad TOML: ${message.replace(/^Invalid TOML document: /, '').replace(/ at line \d+, column \d+:?$/, '')}`,
        error.line,
      );
    if (error instanceof YAML.YAMLError)
      fail(
        `bad YAML: ${message.replace(/ at line \d+, column \d+:?$/, '')}`,
        openerLine(text, message, error.linePos?.[0]?.line),
      );
    // A parser's recursion running out of stack on deeply nested brackets.
    if (error instanceof RangeError) fail('nested too deeply to read');
    // YAML's alias errors (an unknown anchor, an alias bomb) come after parsing, as plain errors.
    if (ext !== 'json') fail(`bad ${ext === 'toml' ? 'TOML' : 'YAML'}: ${message}`);
    const at = /position (\d+)/.exec(message);
    fail(
      `bad JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      at ? lineOfOffset(text, Number(at[1])) : undefined,
    );
  }
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) fail('a configuration file must hold keys and values', 1);
  if (nestsDeeperThan(data, MAX_NESTING)) fail(`tables nested more than ${MAX_NESTING} levels deep`);
  return lowerKeys(data) as ConfigData;
}

/** The configuration files of a `config/<env>/` folder, its subfolders included, sorted; links apart. */
async function folderFiles(dir: string): Promise<{ files: string[]; links: string[] }> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const named = entries
    .filter((e) => EXTENSIONS.includes(path.extname(e.name).slice(1).toLowerCase()))
    .map((e) => ({ e, abs: path.join(e.parentPath, e.name) }));
  const sorted = (list: typeof named) => list.map((x) => x.abs).sort();
  return {
    files: sorted(named.filter((x) => x.e.isFile())),
    links: sorted(named.filter((x) => x.e.isSymbolicLink())),
  };
}

/**
 * Where a `config/<env>/` file goes: `hugo.toml` at the root, `params.toml` under `params`,
 * `params.fr.toml` under `languages.fr.params`. A file holding only its own key is unwrapped.
 */
function placed(file: string, data: ConfigData): ConfigData {
  const parts = path.basename(file).toLowerCase().split('.').slice(0, -1);
  const [key = '', lang] = parts;
  if (ROOT_NAMES.includes(key)) return data;
  const keys = Object.keys(data);
  const inner = keys.length === 1 && keys[0] === key ? data : { [key]: data };
  return lang ? { languages: { [lang]: inner } } : inner;
}

/** Reads one file into `out`; a file outside the site, too large, not text or not parsed is a problem. */
async function readInto(
  out: ConfigFiles,
  root: SiteRoot,
  abs: string,
  place: (data: ConfigData) => ConfigData,
): Promise<void> {
  const file = siteRelative(root, abs);
  const problem = (reason: string, line?: number) =>
    out.problems.push({ file, ...(line ? { line } : {}), reason });
  const where = await realPlace(root, abs);
  if ('outside' in where) return void problem(OUTSIDE_SITE);
  if ('missing' in where) return;
  let text: string;
  try {
    text = textOf(await readBounded(where.real, MAX_CONFIG_BYTES, 'configuration files'));
  } catch (error) {
    if (error instanceof ImportFileError) return void problem(error.message, error.line);
    return void problem(`could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  out.files.push(file);
  out.texts.set(file, text);
  try {
    out.data = mergeConfig(out.data, place(parseConfigText(text, path.extname(abs).slice(1).toLowerCase())));
  } catch (error) {
    if (!(error instanceof ConfigParseError)) throw error;
    problem(error.message, error.line);
  }
}

/** `configDir` as the root file sets it, or null (and a problem) when it leaves the site. */
function configDirOf(out: ConfigFiles): string | null {
  const written = out.data.configdir;
  if (typeof written !== 'string' || !written.trim()) return 'config';
  const why = climbsOut(written.trim());
  if (!why) return written.trim();
  const file = out.files[0] ?? 'config';
  const at = (out.texts.get(file) ?? '').split('\n').findIndex((l) => l.includes(written.trim()));
  out.problems.push({
    file,
    ...(at >= 0 ? { line: at + 1 } : {}),
    reason: `configDir ${JSON.stringify(written.trim())} ${why}; not read`,
  });
  return null;
}

/** Reads and merges the site's configuration; never throws for a bad file. */
export async function readConfigFiles(siteDir: string): Promise<ConfigFiles> {
  const out: ConfigFiles = { data: {}, files: [], texts: new Map(), problems: [] };
  const root = await siteRoot(siteDir);
  const roots = ROOT_NAMES.flatMap((name) => EXTENSIONS.map((ext) => path.join(root.dir, `${name}.${ext}`)));
  for (const candidate of roots) {
    const stat = await fs.lstat(candidate).catch(() => null);
    if (stat && !stat.isDirectory()) {
      await readInto(out, root, candidate, (d) => d);
      break;
    }
  }
  const configDir = configDirOf(out);
  if (configDir === null) return out;
  for (const env of ['_default', 'production']) {
    const dir = path.resolve(root.dir, configDir, env);
    const where = await realPlace(root, dir);
    if ('outside' in where) {
      out.problems.push({ file: siteRelative(root, dir), reason: OUTSIDE_SITE });
      continue;
    }
    const { files, links } = await folderFiles(dir);
    for (const abs of links)
      out.problems.push({
        file: siteRelative(root, abs),
        reason: 'a symbolic link; not read (links inside a configuration folder are not followed)',
      });
    for (const abs of files) await readInto(out, root, abs, (d) => placed(abs, d));
  }
  return out;
}
