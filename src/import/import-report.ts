/** What an import did, and the table the import command ends with. */
import { bylineUrl } from '../content/hugo-urls.js';
import type { PostInput } from '../content/types.js';
import type { HugoFile, HugoTree } from './hugo-tree.js';

export interface SkippedFile {
  /** Relative to the directory given to the import. */
  file: string;
  /** The line of the file the reason points at, when known. */
  line?: number;
  reason: string;
}

export interface ImportRedirect {
  from: string;
  to: string;
  file: string;
  /** `alias`: written in the front matter; `moved`: the URL Hugo served the page at. */
  kind: 'alias' | 'moved';
}

export interface RenamedSlug {
  file: string;
  slug: string;
  wanted: string;
  /** The file keeping the slug; '' when the path is one of Byline's own. */
  takenBy: string;
}

export interface ImportReport {
  imported: number;
  updated: number;
  /** Everything not imported: section pages, translations, pages Hugo does not render, and failures. */
  skipped: SkippedFile[];
  /**
   * How many of `skipped` failed: bad front matter or configuration, a file too large or not UTF-8,
   * a path leading outside the site folder, a duplicate URL, refused by the model.
   */
  failed: number;
  failures: SkippedFile[];
  posts: { imported: number; updated: number };
  pages: { imported: number; updated: number };
  sectionPages: string[];
  translations: SkippedFile[];
  /** Headless bundles, `build.render: never`, and pages at a path Byline serves itself. */
  notRendered: SkippedFile[];
  redirects: ImportRedirect[];
  renamed: RenamedSlug[];
  imagesCopied: number;
  /** Understood files with something to know: an image not found, a post imported as a page. */
  warnings: SkippedFile[];
  unknownShortcodes: { name: string; files: string[] }[];
  mainSections: string[];
  /** Configuration facts worth knowing (files read, uglyURLs, a baseURL with a path). */
  notes: string[];
}

export function emptyReport(): ImportReport {
  return {
    imported: 0,
    updated: 0,
    skipped: [],
    failed: 0,
    failures: [],
    posts: { imported: 0, updated: 0 },
    pages: { imported: 0, updated: 0 },
    sectionPages: [],
    translations: [],
    notRendered: [],
    redirects: [],
    renamed: [],
    imagesCopied: 0,
    warnings: [],
    unknownShortcodes: [],
    mainSections: [],
    notes: [],
  };
}

export function redirectsOf(file: HugoFile, input: PostInput): ImportRedirect[] {
  const to = bylineUrl(input.type, input.slug);
  const moved = (input.oldPaths ?? []).filter((p) => !input.aliases.includes(p));
  return [
    ...moved.map((from) => ({ from, to, file: file.relPath, kind: 'moved' as const })),
    ...input.aliases.map((from) => ({ from, to, file: file.relPath, kind: 'alias' as const })),
  ];
}

export function startReport(tree: HugoTree, log: (line: string) => void): ImportReport {
  const report = emptyReport();
  report.skipped.push(...tree.skipped);
  report.sectionPages = [...tree.sectionPages];
  report.translations = [...tree.translations];
  report.mainSections = [...tree.mainSections];
  if (tree.config.files.length > 0)
    report.notes.push(`configuration read from ${tree.config.files.join(', ')}`);
  report.notes.push(...tree.config.notes);
  for (const problem of [...tree.config.problems, ...tree.refused, ...tree.unsupported]) {
    log(formatSkipped(problem));
    report.skipped.push(problem);
    report.failures.push(problem);
    report.failed += 1;
  }
  return report;
}

/** `path/to/file.md:LINE: message`, the form editors and terminals link to. */
export function formatSkipped(s: SkippedFile): string {
  return `${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`;
}

/** A renamed slug as a sentence. */
export function formatRenamed(r: RenamedSlug): string {
  const why = r.takenBy ? `is taken by ${r.takenBy}` : "is one of Byline's own paths";
  return `${r.file}: slug "${r.wanted}" ${why}; imported as "${r.slug}", its old URL answers 301`;
}

/** At most this many lines of each list; the counts above give the rest. */
const LIST_LIMIT = 50;

function list(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, LIST_LIMIT).map((l) => `  ${l}`);
  if (lines.length > LIST_LIMIT) shown.push(`  … and ${lines.length - LIST_LIMIT} more`);
  return ['', `${title}:`, ...shown];
}

/** The report as the import command prints it: a table of counts, then the files behind them. */
export function reportTable(r: ImportReport): string[] {
  const rows: [string, number][] = [
    ['Posts imported', r.posts.imported],
    ['Posts updated', r.posts.updated],
    ['Pages imported', r.pages.imported],
    ['Pages updated', r.pages.updated],
    ['Failed (not imported)', r.failed],
    ['Section pages (not posts)', r.sectionPages.length],
    ['Translations skipped', r.translations.length],
    ['Not rendered by Hugo', r.notRendered.length],
    ['Slugs changed', r.renamed.length],
    ['Redirects made', r.redirects.length],
    ['Images copied', r.imagesCopied],
    ['Warnings', r.warnings.length],
    ['Unknown shortcodes', r.unknownShortcodes.length],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    '',
    'Import report',
    ...rows.map(([label, n]) => `  ${label.padEnd(width)}  ${String(n).padStart(6)}`),
    ...list('Failed', r.failures.map(formatSkipped)),
    ...list(
      'Redirects (old URL → Byline URL)',
      r.redirects.map((x) => `${x.from} → ${x.to}  (${x.kind === 'alias' ? 'alias in ' : ''}${x.file})`),
    ),
    ...list('Slugs changed', r.renamed.map(formatRenamed)),
    ...list(
      'Unknown shortcodes (their inner text is kept)',
      r.unknownShortcodes.map((s) => `${s.name}: ${s.files.join(', ')}`),
    ),
    ...list('Warnings', r.warnings.map(formatSkipped)),
    ...list('Translations skipped', r.translations.map(formatSkipped)),
    ...list('Not rendered by Hugo', r.notRendered.map(formatSkipped)),
    ...list('Section pages', r.sectionPages),
    ...list('Notes', [
      `main sections (their pages are posts): ${r.mainSections.join(', ') || 'none'}`,
      ...r.notes,
    ]),
  ];
}
