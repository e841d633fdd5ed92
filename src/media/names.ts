/** Names and URLs of uploaded files, and the Markdown that shows them. Pure functions. */

/** Folder names under uploads/: 32 random hex digits. */
const KEY = /^[0-9a-f]{32}$/;
/** File names Byline writes: "sunset.jpg", "sunset-960.webp". Nothing else is ever served. */
const FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(?:jpg|png|gif|webp)$/;
const MAX_BASE = 60;

export const isUploadKey = (s: string): boolean => KEY.test(s);
export const isUploadFileName = (s: string): boolean => s.length <= 100 && FILE.test(s);

const withoutExtension = (name: string) => name.replace(/\.[^.]*$/, '');

const MAX_NAME = 255;

/** Control characters, line separators and the marks that change writing direction. */
const INVISIBLE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The name an upload is listed under: what the uploader called the file, without folders, in
 * composed form (older Mac disks store "é" as "e" and an accent), without invisible characters
 * (direction marks could make "gpj.exe" read as "exe.jpg"), and at most 255 characters, counted
 * as characters so that an emoji is never cut in half.
 */
export function uploadName(raw: string): string {
  const name = (raw.split(/[\\/]/).pop() ?? '').normalize('NFC').replace(INVISIBLE, '').trim();
  return Array.from(name).slice(0, MAX_NAME).join('');
}

/** A safe ASCII file stem from what the uploader called the file: "Été à Paris.PNG" → "ete-a-paris". */
export function fileStem(originalName: string): string {
  const stem = withoutExtension(originalName.split(/[\\/]/).pop() ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/, '');
  return stem === '' ? 'image' : stem;
}

/** Alt text guessed from the file name until someone writes a better one: "my-cat_2.jpg" → "my cat 2". */
export function altFromName(originalName: string): string {
  const base = withoutExtension(originalName.split(/[\\/]/).pop() ?? '');
  return base
    .replace(/[-_.\s]+/g, ' ')
    .trim()
    .slice(0, 200);
}

export const mediaUrl = (key: string, file: string) => `/media/${key}/${file}`;

/** `![alt](url)`, with the alt text's brackets, backslashes and line breaks made harmless. */
export function markdownImage(alt: string, url: string): string {
  const safeAlt = alt
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\[\]]/g, (c) => `\\${c}`)
    .trim();
  return `![${safeAlt}](${url})`;
}
