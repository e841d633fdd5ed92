/**
 * The images of an imported post: page-bundle files, `/images/...` from the site's static folder,
 * the front-matter cover. Each local file is stored once in the media store, through the same
 * processing as an upload, and every reference to it is rewritten to its /media/ URL.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db.js';
import { findImageRefs, replaceImageRefs, type ImageRef, type ImageRefKind } from '../content/image-refs.js';
import { sniffImageType } from '../media/image-types.js';
import { isUploadFileName, isUploadKey, mediaUrl } from '../media/names.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../media/multipart.js';
import { formatBytes } from '../media/present.js';
import { ImageRejected } from '../media/process.js';
import { contentKey, storeImageOnce, type StoredImage } from '../media/store-image.js';
import { findMediaByKey } from '../models/media.js';
import { candidateFiles, localAddress, locateInside, parseBase } from './image-paths.js';

export { imagesHook, type PostImagesOutcome } from './images-hook.js';

export interface ImageImporterOptions {
  db: Db;
  dataDir: string;
  /** The site's folder: no file outside it (after following symlinks) is ever read. */
  siteDir: string;
  /** Where `/images/x.png` is looked for, in order; default: the site's `static/`, then `assets/`. */
  staticDirs?: string[];
  /** The site's own address (Hugo's `baseURL`): an image at `<baseUrl>images/x.png` is then `/images/x.png`. */
  baseUrl?: string;
  /** Files larger than this are not read; default: the upload limit's default. */
  maxBytes?: number;
  log?: (line: string) => void;
}

export interface PostImagesInput {
  markdown: string;
  /** Front-matter `cover.image`, '' when none. */
  coverImage: string;
  /** Absolute folder of the Markdown file. */
  fileDir: string;
  /** A page bundle (`index.md`): relative addresses are its own files first. */
  bundle: boolean;
}

/** A reference left as written; line 0 is the front matter's cover image. */
export interface ImageProblem {
  ref: string;
  line: number;
  reason: string;
}

export interface PostImagesResult {
  markdown: string;
  coverImage: string;
  /** Files stored by this call. */
  copied: number;
  /** Files the post uses that were already in the media store. */
  reused: number;
  /** Local files that do not exist. */
  missing: { ref: string; line: number }[];
  /** Files found but not stored: outside the site, not an image Byline takes, SVG, too big. */
  skipped: ImageProblem[];
}

type Outcome =
  | { kind: 'leave' }
  | { kind: 'stored'; key: string; created: boolean; url: string }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string };

const MEDIA_PATH = /^\/media\/([^/]+)\/([^/]+)$/;
const SVG = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype svg[^>]*>\s*)?<svg[\s>]/i;

/** Why bytes that are not a JPEG, PNG, GIF or WebP are not stored. */
function notAnImage(file: string, bytes: Buffer): string {
  const svg = /\.svgz?$/i.test(file) || SVG.test(bytes.subarray(0, 4096).toString('utf8'));
  return svg
    ? 'SVG is not stored (it can carry scripts); left as is'
    : 'not a JPEG, PNG, GIF or WebP image; left as is';
}

export type ImageImporter = ReturnType<typeof createImageImporter>;

export function createImageImporter(opts: ImageImporterOptions) {
  const siteDir = path.resolve(opts.siteDir);
  const staticDirs = (opts.staticDirs ?? [path.join(siteDir, 'static'), path.join(siteDir, 'assets')]).map(
    (d) => path.resolve(siteDir, d),
  );
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const base = parseBase(opts.baseUrl);
  let realSite: Promise<string> | null = null;
  // One store at a time per content key, should posts be handled side by side.
  const inflight = new Map<string, Promise<StoredImage>>();

  async function store(file: string, bytes: Buffer, key: string): Promise<StoredImage> {
    const running = inflight.get(key);
    if (running) return { ...(await running), created: false };
    const job = storeImageOnce(opts.db, opts.dataDir, { bytes, originalName: path.basename(file), key });
    inflight.set(key, job);
    try {
      return await job;
    } finally {
      inflight.delete(key);
    }
  }

  /** `/media/<key>/<file>` (a site Byline exported): the key and file, when they are names Byline writes. */
  function mediaAddress(wanted: string): { key: string; file: string } | null {
    const m = MEDIA_PATH.exec(wanted);
    return m && isUploadKey(m[1]!) && isUploadFileName(m[2]!) ? { key: m[1]!, file: m[2]! } : null;
  }

  async function resolve(
    ref: { url: string; kind: ImageRefKind | 'cover' },
    post: PostImagesInput,
  ): Promise<Outcome> {
    const address = localAddress(ref, base);
    if (!address) return { kind: 'leave' };
    const { path: wanted, fragment } = address;
    if (!wanted || wanted.includes('\0')) return { kind: 'missing' };

    // Already in the store (a site exported by Byline, imported again): the same address.
    const media = mediaAddress(wanted);
    const inStore = media ? await findMediaByKey(opts.db, media.key) : null;
    if (media && inStore?.variants.some((v) => v.file === media.file)) {
      return {
        kind: 'stored',
        key: media.key,
        created: false,
        url: mediaUrl(media.key, media.file) + fragment,
      };
    }

    realSite ??= fs.realpath(siteDir);
    const where = { fileDir: post.fileDir, bundle: post.bundle, staticDirs, base };
    const found = await locateInside(siteDir, await realSite, candidateFiles(wanted, where));
    if ('missing' in found) return { kind: 'missing' };
    if ('outside' in found) return { kind: 'refused', reason: 'points outside the site folder; not read' };

    const size = (await fs.stat(found.file)).size;
    if (size > maxBytes)
      return { kind: 'refused', reason: `larger than ${formatBytes(maxBytes)}; left as is` };
    const bytes = await fs.readFile(found.file);
    if (!sniffImageType(bytes)) return { kind: 'refused', reason: notAnImage(found.file, bytes) };
    // A file exported from Byline's store keeps its address: same key, same file name.
    const keep = media && !inStore ? media.key : null;
    try {
      const image = await store(found.file, bytes, keep ?? contentKey(bytes));
      const url = media && keep && image.files.includes(media.file) ? mediaUrl(keep, media.file) : image.url;
      return { kind: 'stored', key: image.key, created: image.created, url: url + fragment };
    } catch (err) {
      if (err instanceof ImageRejected)
        return { kind: 'refused', reason: `${err.message.replace(/\.$/, '')}; left as is` };
      throw err;
    }
  }

  /** Stores the post's local images and answers its Markdown and cover with their new addresses. */
  async function importPostImages(post: PostImagesInput): Promise<PostImagesResult> {
    const refs = findImageRefs(post.markdown);
    const result: PostImagesResult = {
      markdown: post.markdown,
      coverImage: post.coverImage,
      copied: 0,
      reused: 0,
      missing: [],
      skipped: [],
    };
    const copied = new Set<string>();
    const reused = new Set<string>();
    const outcomeOf = async (
      ref: { url: string; kind: ImageRefKind | 'cover' },
      line: number,
    ): Promise<string | null> => {
      const outcome = await resolve(ref, post);
      switch (outcome.kind) {
        case 'leave':
          return null;
        case 'missing':
          result.missing.push({ ref: ref.url, line });
          return null;
        case 'refused':
          result.skipped.push({ ref: ref.url, line, reason: outcome.reason });
          return null;
        case 'stored':
          (outcome.created ? copied : reused).add(outcome.key);
          return outcome.url;
      }
    };
    const replacements = new Map<ImageRef, string | null>();
    for (const ref of refs) replacements.set(ref, await outcomeOf(ref, ref.line));
    result.markdown = replaceImageRefs(post.markdown, refs, (ref) => replacements.get(ref) ?? null);
    if (post.coverImage.trim()) {
      result.coverImage = (await outcomeOf({ url: post.coverImage, kind: 'cover' }, 0)) ?? post.coverImage;
    }
    for (const key of copied) reused.delete(key);
    result.copied = copied.size;
    result.reused = reused.size;
    return result;
  }

  return { importPostImages, log: opts.log ?? (() => {}) };
}
