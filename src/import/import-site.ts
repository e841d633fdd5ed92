import fs from 'node:fs/promises';
import { FrontMatterError } from '../content/front-matter.js';
import { postFromHugo } from '../content/hugo-post.js';
import type { PostInput } from '../content/types.js';
import { findHugoFiles, type HugoFile } from './hugo-tree.js';

export interface SkippedFile {
  /** Relative to the directory given to the import. */
  file: string;
  /** The line of the file the reason points at, when known. */
  line?: number;
  reason: string;
}

export interface ImportReport {
  imported: number;
  updated: number;
  /** Everything not imported: section pages (understood, not posts) and files that failed. */
  skipped: SkippedFile[];
  /** How many of `skipped` failed (bad front matter, duplicate slug, refused by the model). */
  failed: number;
}

export interface ImportDeps {
  savePost: (input: PostInput) => Promise<{ created: boolean }>;
  log: (line: string) => void;
  now?: Date;
}

/** `path/to/file.md:LINE: message`, the form editors and terminals link to. */
export function formatSkipped(s: SkippedFile): string {
  return `${s.file}${s.line ? `:${s.line}` : ''}: ${s.reason}`;
}

/** Database errors span several lines; a report line must not. */
function oneLine(message: string): string {
  return message
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** Logs `  2000/10000 files` at each tenth of a long import. */
function progress(total: number, log: (line: string) => void): (done: number) => void {
  if (total <= 200) return () => {};
  const marks = new Set(Array.from({ length: 10 }, (_, k) => Math.ceil((total * (k + 1)) / 10)));
  return (done) => {
    if (marks.has(done)) log(`  ${done}/${total} files`);
  };
}

async function importFile(file: HugoFile, now: Date, seen: Map<string, string>): Promise<PostInput> {
  const text = await fs.readFile(file.absPath, 'utf8');
  const input = postFromHugo({ relPath: file.contentPath, text }, { now, type: file.type });
  const key = `${input.type}/${input.slug}`;
  const first = seen.get(key);
  // Saving it would overwrite the first post with that slug and call it "updated".
  if (first) throw new Error(`slug "${input.slug}" is already used by ${first}`);
  seen.set(key, file.relPath);
  return input;
}

/**
 * Imports a Hugo site's posts and pages through `savePost`. A file that cannot be imported is
 * logged and reported, and the import carries on with the next one.
 */
export async function importHugoSite(dir: string, deps: ImportDeps): Promise<ImportReport> {
  const { log } = deps;
  const now = deps.now ?? new Date();
  const tree = await findHugoFiles(dir);
  const report: ImportReport = { imported: 0, updated: 0, skipped: [...tree.skipped], failed: 0 };
  const seen = new Map<string, string>();
  const tick = progress(tree.files.length, log);
  for (const [i, file] of tree.files.entries()) {
    try {
      const { created } = await deps.savePost(await importFile(file, now, seen));
      if (created) report.imported += 1;
      else report.updated += 1;
    } catch (error) {
      const reason = oneLine(error instanceof Error ? error.message : String(error));
      const skipped: SkippedFile = { file: file.relPath, reason };
      if (error instanceof FrontMatterError) skipped.line = error.line;
      log(formatSkipped(skipped));
      report.skipped.push(skipped);
      report.failed += 1;
    }
    tick(i + 1);
  }
  report.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  log(`Imported ${report.imported}, updated ${report.updated}, skipped ${report.skipped.length}.`);
  for (const s of report.skipped) log(`  ${formatSkipped(s)}`);
  return report;
}
