import { FrontMatterError } from '../content/front-matter.js';
import { unknownShortcodes } from '../content/shortcodes.js';
import type { RenderOptions } from '../content/markdown.js';
import type { PostInput } from '../content/types.js';
import { findHugoFiles, type HugoFile } from './hugo-tree.js';
import {
  formatRenamed,
  formatSkipped,
  redirectsOf,
  startReport,
  type ImportRedirect,
  type ImportReport,
  type RenamedSlug,
  type SkippedFile,
} from './import-report.js';
import { ImportFileError } from './file-limits.js';
import { readAll, settleSlugs } from './import-read.js';
import { refResolver } from './import-refs.js';

export { formatSkipped, reportTable, type ImportReport, type SkippedFile } from './import-report.js';

export interface ImagesOutcome {
  input: PostInput;
  copied: number;
  /** Images the post refers to that are not there; `line` is a line of the file. */
  missing: { ref: string; line: number }[];
  /** Images found but not stored (outside the site, not an image Byline takes, SVG, too big). */
  skipped?: { ref: string; line: number; reason: string }[];
}

/**
 * What the renderer needs from the whole import: where `ref`/`relref` shortcodes point (every
 * imported page, renamed ones included). To be handed to deriveContent when the post is saved.
 */
export type SaveOptions = Pick<RenderOptions, 'resolveRef'>;

export interface ImportDeps {
  savePost: (input: PostInput, options?: SaveOptions) => Promise<{ created: boolean }>;
  /**
   * Saves several posts at once (models/posts.ts savePosts: one transaction per batch), answering
   * for each in order. When given, files are saved BATCH_SIZE at a time through it, and the report
   * and the log are the same as one savePost per file.
   */
  saveBatch?: (
    inputs: PostInput[],
    options?: SaveOptions,
  ) => Promise<({ created: boolean } | { error: unknown })[]>;
  /**
   * Stores a post's images in the media store and answers the input with their addresses
   * rewritten (src/import/images.ts). It logs its own lines; missing images become warnings.
   */
  images?: (file: HugoFile, input: PostInput) => Promise<ImagesOutcome>;
  log: (line: string) => void;
  now?: Date;
  /** Markdown held between reading and saving, at most; by default MAX_HELD_BYTES. */
  maxHeldBytes?: number;
}

/** Files saved per saveBatch call: large enough that commits stop mattering, small enough to redo. */
export const BATCH_SIZE = 100;

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

interface Extras {
  redirects: ImportRedirect[];
  shortcodes: string[];
  renamed?: RenamedSlug;
}

/** A file on its way through the import: its input to save, why it cannot be, or why it is set aside. */
type Pending =
  | { file: HugoFile; input: PostInput; extras: Extras }
  | { file: HugoFile; error: unknown }
  | { file: HugoFile; aside: SkippedFile };

/**
 * Imports a Hugo site's posts and pages through `savePost` (or `saveBatch`). A file that cannot
 * be imported is logged and reported, and the import carries on with the next one.
 */
export async function importHugoSite(dir: string, deps: ImportDeps): Promise<ImportReport> {
  const { log } = deps;
  const now = deps.now ?? new Date();
  const tree = await findHugoFiles(dir);
  const report = startReport(tree, log);
  const shortcodes = new Map<string, string[]>();
  const tick = progress(tree.files.length, log);
  let done = 0;

  const { reads, renamed } = settleSlugs(await readAll(tree, now, deps.maxHeldBytes));
  const options: SaveOptions = {
    resolveRef: refResolver(
      reads.flatMap((r) => ('page' in r ? [{ contentPath: r.file.contentPath, ...r.page.input }] : [])),
    ),
  };

  const save = async (inputs: PostInput[]) => {
    if (deps.saveBatch)
      return deps.saveBatch(inputs, options).catch((error: unknown) => inputs.map(() => ({ error })));
    const outcomes: ({ created: boolean } | { error: unknown })[] = [];
    for (const input of inputs)
      outcomes.push(await deps.savePost(input, options).catch((error: unknown) => ({ error })));
    return outcomes;
  };

  const saved = (p: { file: HugoFile; input: PostInput; extras: Extras }, created: boolean) => {
    const counts = p.input.type === 'page' ? report.pages : report.posts;
    if (created) counts.imported += 1;
    else counts.updated += 1;
    if (created) report.imported += 1;
    else report.updated += 1;
    report.redirects.push(...p.extras.redirects);
    for (const name of p.extras.shortcodes)
      shortcodes.set(name, [...(shortcodes.get(name) ?? []), p.file.relPath]);
    if (p.extras.renamed) {
      report.renamed.push(p.extras.renamed);
      log(formatRenamed(p.extras.renamed));
    }
  };

  // Saves the files gathered so far, then reports each of them in file order.
  const flush = async (pending: Pending[]) => {
    const toSave = pending.flatMap((p) => ('input' in p ? [p.input] : []));
    const outcomes = toSave.length > 0 ? await save(toSave) : [];
    let k = 0;
    for (const p of pending) {
      if ('aside' in p) {
        report.skipped.push(p.aside);
        report.notRendered.push(p.aside);
        tick(++done);
        continue;
      }
      const outcome = 'input' in p ? outcomes[k++] : { error: p.error };
      if (outcome && 'created' in outcome && 'input' in p) {
        saved(p, outcome.created);
      } else {
        const error = outcome && 'error' in outcome ? outcome.error : undefined;
        const reason = oneLine(error instanceof Error ? error.message : String(error));
        const skipped: SkippedFile = { file: p.file.relPath, reason };
        if (error instanceof FrontMatterError) skipped.line = error.line;
        if (error instanceof ImportFileError && error.line) skipped.line = error.line;
        log(formatSkipped(skipped));
        report.skipped.push(skipped);
        report.failures.push(skipped);
        report.failed += 1;
      }
      tick(++done);
    }
  };

  const withImages = async (file: HugoFile, input: PostInput): Promise<PostInput> => {
    if (!deps.images) return input;
    try {
      const outcome = await deps.images(file, input);
      report.imagesCopied += outcome.copied;
      for (const m of outcome.missing)
        report.warnings.push({
          file: file.relPath,
          line: m.line,
          reason: `image ${JSON.stringify(m.ref)} not found; left as written`,
        });
      for (const k of outcome.skipped ?? [])
        report.warnings.push({ file: file.relPath, line: k.line, reason: `image ${JSON.stringify(k.ref)}: ${k.reason}` });
      return outcome.input;
    } catch (error) {
      report.warnings.push({
        file: file.relPath,
        reason: `images not copied: ${oneLine(error instanceof Error ? error.message : String(error))}`,
      });
      return input;
    }
  };

  const batchSize = deps.saveBatch ? BATCH_SIZE : 1;
  let pending: Pending[] = [];
  for (const r of reads) {
    if ('page' in r) {
      if (r.notice) report.warnings.push({ file: r.file.relPath, reason: r.notice });
      const input = await withImages(r.file, r.page.input);
      const extras: Extras = {
        redirects: redirectsOf(r.file, input),
        shortcodes: unknownShortcodes(input.markdown),
        renamed: renamed.get(r.file),
      };
      pending.push({ file: r.file, input, extras });
    } else {
      pending.push(r);
    }
    if (pending.length >= batchSize) {
      await flush(pending);
      pending = [];
    }
  }
  await flush(pending);
  report.unknownShortcodes = [...shortcodes]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, files]) => ({ name, files }));
  const byFile = (a: SkippedFile, b: SkippedFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  for (const list of [report.skipped, report.failures, report.notRendered, report.warnings])
    list.sort(byFile);
  log(`Imported ${report.imported}, updated ${report.updated}, skipped ${report.skipped.length}.`);
  for (const s of report.skipped) log(`  ${formatSkipped(s)}`);
  return report;
}
