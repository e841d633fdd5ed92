/**
 * Reading a Hugo site's configuration files: `hugo.*` (or `config.*`) at the root, then the
 * `config/_default/` and `config/production/` folders (what `hugo` builds with), merged in that
 * order, later values winning. Keys are lowercased, as Hugo reads them case-insensitively.
 * A file that does not parse is named with its line and left out.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import YAML from 'yaml';

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
    const at = /position (\d+)/.exec(message);
    fail(
      `bad JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      at ? lineOfOffset(text, Number(at[1])) : undefined,
    );
  }
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) fail('a configuration file must hold keys and values', 1);
  return lowerKeys(data) as ConfigData;
}

async function isFile(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => null))?.isFile() ?? false;
}

/** Every configuration file of a `config/<env>/` folder, its subfolders included, sorted. */
async function folderFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && EXTENSIONS.includes(path.extname(e.name).slice(1).toLowerCase()))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
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

/** Reads and merges the site's configuration; never throws for a bad file. */
export async function readConfigFiles(siteDir: string): Promise<ConfigFiles> {
  const out: ConfigFiles = { data: {}, files: [], texts: new Map(), problems: [] };
  const rel = (p: string) => path.relative(siteDir, p).split(path.sep).join('/');
  const read = async (abs: string, place: (data: ConfigData) => ConfigData) => {
    const text = await fs.readFile(abs, 'utf8');
    const file = rel(abs);
    out.files.push(file);
    out.texts.set(file, text);
    try {
      out.data = mergeConfig(
        out.data,
        place(parseConfigText(text, path.extname(abs).slice(1).toLowerCase())),
      );
    } catch (error) {
      if (!(error instanceof ConfigParseError)) throw error;
      out.problems.push({ file, ...(error.line ? { line: error.line } : {}), reason: error.message });
    }
  };
  const roots = ROOT_NAMES.flatMap((name) => EXTENSIONS.map((ext) => path.join(siteDir, `${name}.${ext}`)));
  for (const candidate of roots) {
    if (await isFile(candidate)) {
      await read(candidate, (d) => d);
      break;
    }
  }
  for (const env of ['_default', 'production']) {
    for (const abs of await folderFiles(path.join(siteDir, 'config', env)))
      await read(abs, (d) => placed(abs, d));
  }
  return out;
}
