/**
 * The image types Byline accepts, recognised from the file's first bytes — never from its name
 * or the content type the browser sent. SVG is not among them: it can carry scripts.
 */
export const IMAGE_TYPES = {
  jpeg: { mimeType: 'image/jpeg', ext: 'jpg' },
  png: { mimeType: 'image/png', ext: 'png' },
  gif: { mimeType: 'image/gif', ext: 'gif' },
  webp: { mimeType: 'image/webp', ext: 'webp' },
} as const;

export type ImageType = keyof typeof IMAGE_TYPES;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type the bytes say they are, or null for anything that is not a JPEG, PNG, GIF or WebP. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

const BY_EXT: Record<string, string> = Object.fromEntries(
  Object.values(IMAGE_TYPES).map((t) => [t.ext, t.mimeType]),
);

/** The Content-Type of a stored file, from the extension Byline itself gave it. */
export function mimeTypeOfStoredFile(file: string): string | null {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return Object.hasOwn(BY_EXT, ext) ? BY_EXT[ext]! : null;
}
