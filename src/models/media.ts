import type { Db } from '../db.js';

export interface MediaVariant {
  file: string;
  width: number;
  height: number;
  mimeType: string;
  bytes: number;
}

export interface NewMedia {
  key: string;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  variants: MediaVariant[];
  /** null for files that arrived with an imported site rather than through the admin. */
  uploadedById: number | null;
}

const withUploader = { uploadedBy: { select: { id: true, name: true, email: true } } } as const;

function parseVariants(json: string): MediaVariant[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as MediaVariant[]) : [];
  } catch {
    return [];
  }
}

const present = <T extends { variantsJson: string }>({ variantsJson, ...row }: T) => ({
  ...row,
  variants: parseVariants(variantsJson),
});

export async function createMedia(db: Db, input: NewMedia) {
  const { variants, ...data } = input;
  return present(await db.media.create({ data: { ...data, variantsJson: JSON.stringify(variants) } }));
}

/** Uploads, newest first, with who uploaded them. */
export async function listMedia(db: Db, { page, perPage }: { page: number; perPage: number }) {
  const [rows, total] = await Promise.all([
    db.media.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * perPage,
      take: perPage,
      include: withUploader,
    }),
    db.media.count(),
  ]);
  return { items: rows.map(present), total };
}

export async function getMedia(db: Db, id: number) {
  const row = await db.media.findUnique({ where: { id }, include: withUploader });
  return row ? present(row) : null;
}

/** The upload stored under `key` (its folder name), or null. */
export async function findMediaByKey(db: Db, key: string) {
  const row = await db.media.findUnique({ where: { key } });
  return row ? present(row) : null;
}

export async function deleteMedia(db: Db, id: number): Promise<void> {
  await db.media.deleteMany({ where: { id } });
}

/** Posts and pages — trashed ones too, as they can come back — whose text or cover image uses the upload. */
export async function listPostsUsingMedia(db: Db, key: string) {
  const needle = `/media/${key}/`;
  return db.post.findMany({
    where: { OR: [{ markdown: { contains: needle } }, { coverImage: { contains: needle } }] },
    select: { id: true, type: true, title: true, slug: true, status: true, deletedAt: true },
    orderBy: { updatedAt: 'desc' },
  });
}
