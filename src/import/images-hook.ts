import fs from 'node:fs/promises';
import path from 'node:path';
import { frontMatterKeyLine } from '../content/front-matter.js';
import type { PostInput } from '../content/types.js';
import type { ImageImporter, ImageProblem } from './images.js';

export interface PostImagesOutcome<T extends PostInput> {
  input: T;
  copied: number;
  reused: number;
  /** Lines are lines of the file, front matter included. */
  missing: { ref: string; line: number }[];
  skipped: ImageProblem[];
}

/** `index.md`, `index.fr.md`: the Markdown of a page bundle, whose files sit beside it. */
const BUNDLE_INDEX = /^index(?:\.[a-z]{2,3}(?:[-_][a-z0-9]+)?)?\.md$/i;

/** Hugo reads front-matter keys case-insensitively: `cover`, `Cover`. */
function coverKey(extra: Record<string, unknown>): string | undefined {
  return Object.keys(extra).find((k) => k.toLowerCase() === 'cover');
}

/** PaperMod's `cover.image`, or a `cover` written as the image itself. */
function frontMatterCover(extra: Record<string, unknown>): string {
  const key = coverKey(extra);
  const cover = key ? extra[key] : undefined;
  if (typeof cover === 'string') return cover;
  const image = cover && typeof cover === 'object' ? (cover as Record<string, unknown>).image : undefined;
  return typeof image === 'string' ? image : '';
}

function coverImageOf(input: PostInput): string {
  return input.coverImage || frontMatterCover(input.extra);
}

/** The input with its cover image, wherever it is written, changed from `before` to `after`. */
function withCover<T extends PostInput>(input: T, before: string, after: string): T {
  if (after === before) return input;
  const next: T = { ...input };
  if (input.coverImage === before) next.coverImage = after;
  const key = coverKey(input.extra);
  const cover = key ? input.extra[key] : undefined;
  const same = (v: unknown) => typeof v === 'string' && v.trim() === before.trim();
  if (key && same(cover)) next.extra = { ...input.extra, [key]: after };
  else if (key && cover && typeof cover === 'object' && same((cover as Record<string, unknown>).image)) {
    next.extra = { ...input.extra, [key]: { ...cover, image: after } };
  }
  return next;
}

/** Lines before the body in the file, so a body line can be given as a file line. */
async function bodyOffset(absPath: string, body: string): Promise<{ offset: number; text: string }> {
  const text = await fs.readFile(absPath, 'utf8').catch(() => '');
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!body || !normalized.endsWith(body)) return { offset: 0, text };
  const head = normalized.slice(0, normalized.length - body.length);
  return { offset: head.split('\n').length - 1, text };
}

/**
 * The importer's step for images: stores the post's local images and answers the input with its
 * Markdown and cover rewritten to /media/ URLs. Each reference left as written is logged as
 * `file:line: …` through the importer's log.
 */
export function imagesHook(importer: ImageImporter) {
  return async <T extends PostInput>(
    file: { absPath: string; relPath: string; bundle?: boolean },
    input: T,
  ): Promise<PostImagesOutcome<T>> => {
    const cover = coverImageOf(input);
    const result = await importer.importPostImages({
      markdown: input.markdown,
      coverImage: cover,
      fileDir: path.dirname(file.absPath),
      bundle: file.bundle ?? BUNDLE_INDEX.test(path.basename(file.absPath)),
    });
    const problems = result.missing.length + result.skipped.length;
    const { offset, text } =
      problems > 0 ? await bodyOffset(file.absPath, input.markdown) : { offset: 0, text: '' };
    const fileLine = (line: number) =>
      line === 0 ? (frontMatterKeyLine(text, 'cover') ?? 1) : line + offset;
    const missing = result.missing.map((m) => ({ ref: m.ref, line: fileLine(m.line) }));
    const skipped = result.skipped.map((s) => ({ ...s, line: fileLine(s.line) }));
    for (const m of missing)
      importer.log(`${file.relPath}:${m.line}: image ${JSON.stringify(m.ref)}: not found; left as is`);
    for (const s of skipped)
      importer.log(`${file.relPath}:${s.line}: image ${JSON.stringify(s.ref)}: ${s.reason}`);
    return {
      input: withCover({ ...input, markdown: result.markdown }, cover, result.coverImage),
      copied: result.copied,
      reused: result.reused,
      missing,
      skipped,
    };
  };
}
