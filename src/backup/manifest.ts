/** What a backup archive says about itself (manifest.json), and which paths an archive may hold. */
import { z } from 'zod';

export const MANIFEST_PATH = 'manifest.json';
export const DATABASE_PATH = 'blog.db';
export const UPLOADS_PREFIX = 'uploads/';

const fileSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal('byline-backup'),
  formatVersion: z.literal(1),
  bylineVersion: z.string(),
  createdAt: z.iso.datetime(),
  /** Why it was made: "manual", or "before <migration>" for the automatic one at start-up. */
  reason: z.string(),
  /** Migrations the database had finished, in order. */
  migrations: z.array(z.string()),
  files: z.array(fileSchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;

/**
 * True for the paths a Byline backup holds: blog.db, manifest.json and files under uploads/ whose
 * every segment is a plain name — so restoring can never write outside DATA_DIR.
 */
export function isArchivePath(path: string): boolean {
  if (path === DATABASE_PATH || path === MANIFEST_PATH) return true;
  if (!path.startsWith(UPLOADS_PREFIX)) return false;
  const segments = path.slice(UPLOADS_PREFIX.length).split('/');
  return segments.every(
    (s) => s !== '' && s !== '.' && s !== '..' && !s.startsWith('.') && !/[\\\0:]/.test(s) && s.length <= 255,
  );
}

/** The manifest in the archive, or a sentence saying why it cannot be trusted. */
export function parseManifest(text: string): Manifest | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'manifest.json is not valid JSON';
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `manifest.json is not a Byline backup manifest (${issue?.path.join('.') || 'root'}: ${issue?.message})`;
  }
  const bad = result.data.files.find((f) => !isArchivePath(f.path) || f.path === MANIFEST_PATH);
  if (bad) return `manifest.json lists a path a backup cannot hold: ${bad.path}`;
  if (!result.data.files.some((f) => f.path === DATABASE_PATH)) return 'manifest.json lists no blog.db';
  return result.data;
}

/**
 * Differences between what the manifest promises and what the archive held (path → size and
 * sha256 as read); [] when they agree exactly.
 */
export function compareWithManifest(
  manifest: Manifest,
  found: Map<string, { size: number; sha256: string }>,
): string[] {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const got = found.get(file.path);
    if (!got) problems.push(`${file.path} is missing`);
    else if (got.size !== file.size)
      problems.push(`${file.path} has ${got.size} bytes, the manifest says ${file.size}`);
    else if (got.sha256 !== file.sha256) problems.push(`${file.path} does not match its sha256 checksum`);
  }
  for (const path of found.keys()) if (!listed.has(path)) problems.push(`${path} is not in the manifest`);
  return problems;
}

/** Uploaded files in a backup (everything but the database). */
export const uploadCount = (manifest: Manifest): number =>
  manifest.files.filter((f) => f.path !== DATABASE_PATH).length;
