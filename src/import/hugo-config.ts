/**
 * What the importer needs from a Hugo site's configuration: where content lives (per language),
 * the main sections, permalinks, uglyURLs, the time zone and the `:filename` date handler.
 * A setting it cannot use is reported, with its file and line when known, and left at Hugo's default.
 */
import path from 'node:path';
import { isValidTimeZone } from '../content/dates.js';
import {
  DEFAULT_URL_RULES,
  permalinkProblem,
  type PermalinkRule,
  type UrlRules,
} from '../content/hugo-urls.js';
import { readConfigFiles, type ConfigData, type ConfigProblem } from './hugo-config-files.js';
import { climbsOut } from './site-paths.js';

export type { ConfigProblem } from './hugo-config-files.js';

export interface HugoConfig {
  /** Configuration files read, relative to the site's folder. */
  files: string[];
  problems: ConfigProblem[];
  baseURL: string | null;
  /** The default language's content folder, relative to the site; null when the one set leaves the site. */
  contentDir: string | null;
  defaultLanguage: string;
  /** Configured language codes, lowercased; [] when the site configures none. */
  languages: string[];
  /** Content folders of the other languages, relative to the site, by language code (those inside it). */
  languageDirs: Map<string, string>;
  /** `mainSections` as configured (lowercased); null when unset. */
  mainSections: string[] | null;
  rules: UrlRules;
  timeZone: string | undefined;
  filenameDates: 'first' | 'fallback' | null;
  staticDirs: string[];
  /** Facts the report mentions (uglyURLs, a baseURL with a path…). */
  notes: string[];
}

const table = (v: unknown): ConfigData =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as ConfigData) : {};
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const bool = (v: unknown): boolean =>
  v === true || (typeof v === 'string' && v.trim().toLowerCase() === 'true');
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'string' && x.trim() ? [x.trim()] : []));
const slashed = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');

interface Context {
  data: ConfigData;
  problems: ConfigProblem[];
  files: string[];
  texts: Map<string, string>;
}

/** The file and line where `needle` is written, for a problem found after merging. */
function whereWritten(ctx: Context, needle: string): { file: string; line?: number } {
  for (const file of [...ctx.files].reverse()) {
    const lines = (ctx.texts.get(file) ?? '').split('\n');
    const at = lines.findIndex((l) => l.includes(needle));
    if (at >= 0) return { file, line: at + 1 };
  }
  return { file: ctx.files.at(-1) ?? 'config' };
}

/** `[permalinks]` for regular pages: `posts = '…'` or `[permalinks.page] posts = '…'`. */
function permalinksOf(ctx: Context, raw: unknown): PermalinkRule[] {
  if (Array.isArray(raw)) {
    ctx.problems.push({
      ...whereWritten(ctx, 'permalinks'),
      reason: 'permalinks written as a list are not read; pages keep their default URLs',
    });
    return [];
  }
  const rules: PermalinkRule[] = [];
  const add = (section: string, pattern: unknown) => {
    if (typeof pattern !== 'string') return;
    const problem = permalinkProblem(pattern);
    if (problem)
      ctx.problems.push({
        ...whereWritten(ctx, pattern),
        reason: `permalinks.${section}: ${problem}; its pages keep their default URLs`,
      });
    else rules.push({ section: section.replace(/^\/+|\/+$/g, ''), pattern });
  };
  for (const [key, value] of Object.entries(table(raw))) {
    if (key === 'page') for (const [section, pattern] of Object.entries(table(value))) add(section, pattern);
    else if (!['section', 'taxonomy', 'term'].includes(key)) add(key, value);
  }
  return rules;
}

/**
 * A folder the configuration names, or null when it leaves the site folder: then it is reported
 * with the setting and its line, and not read. See docs/decisions/022-import-confinement.md.
 */
function inSite(ctx: Context, setting: string, written: string): string | null {
  const why = climbsOut(written);
  if (!why) return written;
  ctx.problems.push({
    ...whereWritten(ctx, written),
    reason: `${setting} ${JSON.stringify(written)} ${why}; not read`,
  });
  return null;
}

/** Content mounts (`[[module.mounts]] source = 'content/fr' target = 'content' lang = 'fr'`); source null when refused. */
function contentMounts(ctx: Context): { source: string | null; lang: string | null }[] {
  const mounts = table(ctx.data.module).mounts;
  return (Array.isArray(mounts) ? mounts : []).flatMap((m) => {
    const t = table(m);
    const source = str(t.source);
    if (!source || str(t.target) !== 'content') return [];
    const lang = str(t.lang)?.toLowerCase() ?? null;
    return [{ source: inSite(ctx, 'module.mounts source', slashed(source)), lang }];
  });
}

function languagesOf(ctx: Context, contentDir: string | null) {
  const { data } = ctx;
  const configured = table(data.languages);
  const codes = Object.keys(configured);
  const byWeight = [...codes].sort(
    (a, b) =>
      Number(table(configured[a]).weight ?? 0) - Number(table(configured[b]).weight ?? 0) || (a < b ? -1 : 1),
  );
  let defaultLanguage = str(data.defaultcontentlanguage)?.toLowerCase() ?? 'en';
  if (codes.length > 0 && !codes.includes(defaultLanguage)) defaultLanguage = byWeight[0]!;
  // null: the language's folder leaves the site, so none of it is read.
  const dirs = new Map<string, string | null>();
  for (const code of codes) {
    const dir = str(table(configured[code]).contentdir);
    if (dir) dirs.set(code, inSite(ctx, `languages.${code}.contentDir`, slashed(dir)));
  }
  const mounts = contentMounts(ctx);
  for (const m of mounts) if (m.lang && !dirs.has(m.lang)) dirs.set(m.lang, m.source);
  const unnamed = mounts.find((m) => !m.lang);
  const defaultDir = dirs.has(defaultLanguage)
    ? dirs.get(defaultLanguage)!
    : unnamed
      ? unnamed.source
      : contentDir;
  dirs.delete(defaultLanguage);
  const others = new Map<string, string>();
  for (const [code, dir] of dirs) if (dir !== null && dir !== defaultDir) others.set(code, dir);
  return { codes, defaultLanguage, defaultDir, dirs: others };
}

/** `[frontmatter] date = [':filename', ':default']`: where Hugo looks for a date in the file name. */
function filenameDatesOf(data: ConfigData): HugoConfig['filenameDates'] {
  const handlers = strings(table(data.frontmatter).date).map((h) => h.toLowerCase());
  const at = handlers.indexOf(':filename');
  if (at < 0) return null;
  return at === 0 ? 'first' : 'fallback';
}

/** The importer's view of a merged configuration (keys lowercased). */
export function interpretConfig(ctx: Context): HugoConfig {
  const { data } = ctx;
  const notes: string[] = [];
  const written = str(data.contentdir);
  const contentDir = written ? inSite(ctx, 'contentDir', slashed(written)) : 'content';
  const languages = languagesOf(ctx, contentDir);
  const defaultLang = table(table(data.languages)[languages.defaultLanguage]);
  const params = table(data.params);
  const main = data.mainsections ?? params.mainsections ?? table(defaultLang.params).mainsections;
  const baseURL = str(data.baseurl);
  const basePath = baseURL
    ? (/^[a-z]+:\/\/[^/]+(\/.*)?$/i.exec(baseURL)?.[1] ?? '/').replace(/\/+$/, '')
    : '';
  if (basePath) notes.push(`baseURL serves the site under ${basePath}/; old URLs are kept relative to it`);
  const ugly = data.uglyurls;
  const uglyURLs: UrlRules['uglyURLs'] =
    typeof ugly === 'object' && ugly !== null
      ? Object.fromEntries(Object.entries(table(ugly)).map(([k, v]) => [k, bool(v)]))
      : bool(ugly);
  if (uglyURLs === true || (typeof uglyURLs === 'object' && Object.values(uglyURLs).some(Boolean))) {
    notes.push('uglyURLs is set: old URLs end in .html and answer 301 to the post');
  }
  const inSubdir = bool(data.defaultcontentlanguageinsubdir);
  let timeZone = str(data.timezone) ?? undefined;
  if (timeZone && !isValidTimeZone(timeZone)) {
    ctx.problems.push({
      ...whereWritten(ctx, timeZone),
      reason: `timeZone ${JSON.stringify(timeZone)} is not a time zone; dates without a zone are read as UTC`,
    });
    timeZone = undefined;
  }
  const staticWritten = strings(data.staticdir);
  const staticDirs = staticWritten.flatMap((d) => inSite(ctx, 'staticDir', slashed(d)) ?? []);
  return {
    files: ctx.files,
    problems: ctx.problems,
    baseURL,
    contentDir: languages.defaultDir,
    defaultLanguage: languages.defaultLanguage,
    languages: languages.codes,
    languageDirs: languages.dirs,
    mainSections: main === undefined ? null : strings(main).map((s) => s.toLowerCase()),
    rules: {
      ...DEFAULT_URL_RULES,
      permalinks: [...permalinksOf(ctx, defaultLang.permalinks ?? data.permalinks)],
      uglyURLs,
      lowercase: !bool(data.disablepathtolower),
      removePathAccents: bool(data.removepathaccents),
      languagePrefix: inSubdir ? languages.defaultLanguage : '',
    },
    timeZone,
    filenameDates: filenameDatesOf(data),
    // A staticDir that leaves the site is not replaced by static/: what it names is not read.
    staticDirs: staticWritten.length > 0 ? staticDirs : ['static'],
    notes,
  };
}

/** Reads a Hugo site's configuration; a site without one gets Hugo's defaults. */
export async function readHugoConfig(siteDir: string): Promise<HugoConfig> {
  const files = await readConfigFiles(path.resolve(siteDir));
  return interpretConfig({
    data: files.data,
    problems: files.problems,
    files: files.files,
    texts: files.texts,
  });
}
