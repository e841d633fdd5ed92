import fs from 'node:fs/promises';
import path from 'node:path';
import { frontMatterKeyLine } from '../content/front-matter.js';
import { postToHugo } from '../content/hugo-export.js';
import { findImageRefs } from '../content/image-refs.js';
import { uploadFilePath } from '../media/storage.js';
import type { PostInput } from '../content/types.js';

/** A file the export could not write; the export carries on with the next. */
export interface ExportFailure {
  file: string;
  reason: string;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes each post to `<dir>/content/<relPath>` as a Hugo file; returns how many were written.
 * A post that cannot be written is added to `failed` and the others are still written.
 */
export async function exportSite(
  dir: string,
  posts: PostInput[],
  failed: ExportFailure[] = [],
): Promise<number> {
  const contentDir = path.resolve(dir, 'content');
  let written = 0;
  for (const post of posts) {
    const { relPath, text } = postToHugo(post);
    const target = path.resolve(contentDir, relPath);
    // A slug is a single path segment; anything else must not write outside the site.
    if (!target.startsWith(contentDir + path.sep)) {
      failed.push({
        file: `content/${relPath}`,
        reason: `slug "${post.slug}" is not a safe file name; not written`,
      });
      continue;
    }
    try {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text, 'utf8');
      written += 1;
    } catch (error) {
      failed.push({ file: `content/${relPath}`, reason: `not written: ${reasonOf(error)}` });
    }
  }
  return written;
}

export interface MediaExport {
  /** Files written under `<dir>/static/media/`. */
  copied: number;
  /** Addresses of files the store does not have (deleted from the media library): post file and URL. */
  missing: { file: string; line: number; url: string }[];
  /** Files there that could not be copied. */
  failed: { file: string; line: number; url: string; reason: string }[];
}

const MEDIA_PATH = /^\/media\/([^/?#]+)\/([^/?#]+)(?:[?#].*)?$/s;

/** The post's cover image: its own, or the front matter's `cover.image` (or `cover` as the image). */
function coverOf(post: PostInput): string {
  const key = Object.keys(post.extra).find((k) => k.toLowerCase() === 'cover');
  const cover = key ? post.extra[key] : undefined;
  const image = cover && typeof cover === 'object' ? (cover as Record<string, unknown>).image : cover;
  return post.coverImage || (typeof image === 'string' ? image : '');
}

/**
 * Copies every media file the posts show (`/media/<key>/<file>` in their Markdown or cover) to
 * `<dir>/static/media/<key>/<file>`: Hugo serves static/ at the site's root, so the exported
 * site keeps working at the same addresses without Byline.
 */
export async function exportMediaFiles(
  dir: string,
  dataDir: string,
  posts: PostInput[],
): Promise<MediaExport> {
  const staticDir = path.resolve(dir, 'static');
  const result: MediaExport = { copied: 0, missing: [], failed: [] };
  const done = new Set<string>();
  for (const post of posts) {
    const { relPath, text } = postToHugo(post);
    const bodyAt = text.endsWith(post.markdown) ? text.length - post.markdown.length : 0;
    const bodyLine = text.slice(0, bodyAt).split('\n').length - 1;
    const refs = [
      ...findImageRefs(post.markdown).map((r) => ({ url: r.url, line: bodyLine + r.line })),
      { url: coverOf(post), line: frontMatterKeyLine(text, 'cover') ?? 1 },
    ];
    for (const { url, line } of refs) {
      const m = MEDIA_PATH.exec(url.trim());
      const from = m ? uploadFilePath(dataDir, m[1]!, m[2]!) : null;
      if (!m || !from || done.has(from)) continue;
      done.add(from);
      if (!(await fs.stat(from).catch(() => null))?.isFile()) {
        result.missing.push({ file: `content/${relPath}`, line, url: url.trim() });
        continue;
      }
      const to = path.join(staticDir, 'media', m[1]!, m[2]!);
      try {
        await fs.mkdir(path.dirname(to), { recursive: true });
        await fs.copyFile(from, to);
        result.copied += 1;
      } catch (error) {
        result.failed.push({ file: `content/${relPath}`, line, url: url.trim(), reason: reasonOf(error) });
      }
    }
  }
  return result;
}
