/**
 * URL slugs for posts, tags and categories, modelled on Hugo's `urlize`
 * ("Advanced Helm Techniques" → "advanced-helm-techniques") but restricted to
 * letters, digits and single hyphens so every slug is a clean path segment.
 */

export const MAX_SLUG_LENGTH = 200;

// Characters that separate words: they become one hyphen. Everything else that is
// not a letter, mark or digit is dropped, as Hugo drops "'", "!", "&", "?"….
const SEPARATORS = /[\s\-_./\\:;|·•–—]+/gu;
const NOT_SLUG_CHAR = /[^\p{L}\p{M}\p{N}-]/gu;

/** Returns the slug for `text`; '' only when it has no letters or digits at all. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFC')
    .toLowerCase()
    .replace(SEPARATORS, '-')
    .replace(NOT_SLUG_CHAR, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  return [...slug].slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
}

const VALID_SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u;

/**
 * True when `s` is a slug slugify could have made: lowercase (or caseless)
 * letters and digits in NFC, words joined by single hyphens, ≤ 200 characters.
 */
export function isValidSlug(s: string): boolean {
  return VALID_SLUG.test(s) && s === s.normalize('NFC') && [...s].length <= MAX_SLUG_LENGTH;
}
