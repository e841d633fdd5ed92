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
  /**
   * Saves several posts at once (models/posts.ts savePosts: one transaction per batch), answering
   * for each in order. When given, files are saved BATCH_SIZE at a time through it, and the report
   * and the log are the same as one savePost per file.
   */
  saveBatch?: (inputs: PostInput[]) => Promise<({ created: boolean } | { error: unknown })[]>;
  log: (line: string) => void;
  now?: Date;
}

/** Files saved per saveBatch call: large enough that commits stop mattering, small enough to redo. */
export const BATCH_SIZE = 100;

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

function importFile(file: HugoFile, text: string, now: Date, seen: Map<string, string>): PostInput {
  const input = postFromHugo({ relPath: file.contentPath, text }, { now, type: file.type });
  const key = `${input.type}/${input.slug}`;
  const first = seen.get(key);
  // Saving it would overwrite the first post with that slug and call it "updated".
  if (first) throw new Error(`slug "${input.slug}" is already used by ${first}`);
  seen.set(key, file.relPath);
  return input;
}

/** A file on its way through the import: its input to save, or why it cannot be. */
type Pending = { file: HugoFile; input: PostInput } | { file: HugoFile; error: unknown };

/**
 * Imports a Hugo site's posts and pages through `savePost` (or `saveBatch`). A file that cannot
 * be imported is logged and reported, and the import carries on with the next one.
 */
export async function importHugoSite(dir: string, deps: ImportDeps): Promise<ImportReport> {
  const { log } = deps;
  const now = deps.now ?? new Date();
  const tree = await findHugoFiles(dir);
  const report: ImportReport = { imported: 0, updated: 0, skipped: [...tree.skipped], failed: 0 };
  const seen = new Map<string, string>();
  const tick = progress(tree.files.length, log);
  let done = 0;

  const save = async (inputs: PostInput[]) => {
    if (deps.saveBatch)
      return deps.saveBatch(inputs).catch((error: unknown) => inputs.map(() => ({ error })));
    const outcomes: ({ created: boolean } | { error: unknown })[] = [];
    for (const input of inputs)
      outcomes.push(await deps.savePost(input).catch((error: unknown) => ({ error })));
    return outcomes;
  };

  // Saves the files gathered so far, then reports each of them in file order.
  const flush = async (pending: Pending[]) => {
    const toSave = pending.flatMap((p) => ('input' in p ? [p.input] : []));
    const outcomes = toSave.length > 0 ? await save(toSave) : [];
    let k = 0;
    for (const p of pending) {
      const outcome = 'input' in p ? outcomes[k++] : { error: p.error };
      if (outcome && 'created' in outcome) {
        if (outcome.created) report.imported += 1;
        else report.updated += 1;
      } else {
        const error = outcome?.error;
        const reason = oneLine(error instanceof Error ? error.message : String(error));
        const skipped: SkippedFile = { file: p.file.relPath, reason };
        if (error instanceof FrontMatterError) skipped.line = error.line;
        log(formatSkipped(skipped));
        report.skipped.push(skipped);
        report.failed += 1;
      }
      tick(++done);
    }
  };

  const batchSize = deps.saveBatch ? BATCH_SIZE : 1;
  let pending: Pending[] = [];
  // The next file is read while this one is parsed and saved.
  const read = (i: number) => {
    const file = tree.files[i];
    return file ? fs.readFile(file.absPath, 'utf8').catch((error: unknown) => error as Error) : null;
  };
  let next = read(0);
  for (const [i, file] of tree.files.entries()) {
    const text = await next;
    next = read(i + 1);
    try {
      if (text instanceof Error) throw text;
      pending.push({ file, input: importFile(file, text ?? '', now, seen) });
    } catch (error) {
      pending.push({ file, error });
    }
    if (pending.length >= batchSize) {
      await flush(pending);
      pending = [];
    }
  }
  await flush(pending);
  report.skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  log(`Imported ${report.imported}, updated ${report.updated}, skipped ${report.skipped.length}.`);
  for (const s of report.skipped) log(`  ${formatSkipped(s)}`);
  return report;
}
