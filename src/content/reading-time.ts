/**
 * Word count and reading time the way Hugo computes .WordCount and .ReadingTime
 * over the plain text of the rendered content (code blocks included).
 *
 * Hugo switches to its CJK rules when a page is a CJK-language page
 * (`isCJKLanguage`, auto-detected with `hasCJKLanguage` by the same scripts as
 * below); Byline treats any text containing such characters as CJK.
 */

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const NON_ASCII = /[\u0080-\u{10ffff}]/u;

/** Hugo's reading speeds: words per minute, and CJK characters per minute. */
export const WORDS_PER_MINUTE = 213;
export const CJK_WORDS_PER_MINUTE = 501;

/** True when `text` contains Han, Hangul, Hiragana or Katakana characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

function fields(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/**
 * Counts words: whitespace-separated fields. In CJK text (which has no spaces
 * between words) Hugo counts a field of plain ASCII as one word and any other
 * field as one word per character.
 */
export function countWords(plainText: string): number {
  const words = fields(plainText);
  if (!hasCjk(plainText)) return words.length;
  let count = 0;
  for (const word of words) count += NON_ASCII.test(word) ? [...word].length : 1;
  return count;
}

/** Minutes to read `plainText`, rounded up; 0 for empty text. */
export function readingTime(plainText: string): number {
  const perMinute = hasCjk(plainText) ? CJK_WORDS_PER_MINUTE : WORDS_PER_MINUTE;
  return Math.ceil(countWords(plainText) / perMinute);
}
