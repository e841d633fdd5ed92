/** What the media page shows for an upload. Pure: no request, no database. */
import { formatDate } from '../content/dates.js';
import type { MediaVariant } from '../models/media.js';
import { markdownImage, mediaUrl } from './names.js';
import { DISPLAY_WIDTH } from './process.js';

interface MediaRow {
  id: number;
  key: string;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  createdAt: Date;
  variants: MediaVariant[];
  uploadedBy: { name: string; email: string } | null;
}

const THUMB_WIDTH = 120;

/** The variant in the upload's own format that a post should show: the widest up to DISPLAY_WIDTH. */
export function displayFile(row: Pick<MediaRow, 'mimeType' | 'variants'>): string {
  const own = row.variants.filter((v) => v.mimeType === row.mimeType && v.width <= DISPLAY_WIDTH);
  own.sort((a, b) => b.width - a.width);
  return own[0]?.file ?? row.variants[0]?.file ?? '';
}

/** "2.4 MB", "10 MB", "830 KB", "120 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

export function mediaCard(row: MediaRow, timeZone = 'UTC') {
  const url = mediaUrl(row.key, displayFile(row));
  const smallest = [...row.variants].sort((a, b) => a.width - b.width)[0];
  const thumbWidth = Math.min(THUMB_WIDTH, row.width);
  return {
    id: row.id,
    originalName: row.originalName,
    alt: row.alt,
    url,
    markdown: markdownImage(row.alt, url),
    thumb: {
      url: smallest ? mediaUrl(row.key, smallest.file) : url,
      width: thumbWidth,
      height: Math.max(1, Math.round((thumbWidth * row.height) / Math.max(1, row.width))),
    },
    size: formatBytes(row.bytes),
    dimensions: `${row.width} × ${row.height}`,
    uploadedAt: formatDate(row.createdAt, 'Jan 2, 2006 15:04', timeZone),
    uploadedAtIso: row.createdAt.toISOString(),
    uploadedBy: row.uploadedBy ? row.uploadedBy.name || row.uploadedBy.email : 'a former user',
  };
}
