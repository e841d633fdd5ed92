import { z } from 'zod';
import { notFound } from '../http-error.js';

/** Page numbers in URLs: 1–99999, written without leading zeros. */
const pageNumber = z.string().regex(/^[1-9]\d{0,4}$/).transform(Number);
/** Slugs in URLs: letters, digits, `-`, `_`, `.`; nothing that could be a path trick. */
const slug = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,199}$/u);

export function parsePage(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const result = pageNumber.safeParse(raw);
  if (!result.success) throw notFound();
  return result.data;
}

export function parseSlug(raw: string | undefined): string {
  const result = slug.safeParse(raw);
  if (!result.success) throw notFound();
  return result.data;
}

export const searchQuerySchema = z.object({
  q: z
    .string()
    .max(200, 'Search text is too long: 200 characters at most.')
    .transform((s) => s.trim())
    .optional()
    .default(''),
});
