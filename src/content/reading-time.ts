/**
 * Word count and reading time the way Hugo computes .WordCount and .ReadingTime
 * over the plain text of the rendered content (code blocks included).
 *
 * Hugo switches to its CJK rules when a page is a CJK-language page
 * (`isCJKLanguage`, auto-detected with `hasCJKLanguage` by the same scripts as
 * below); Byline treats any text containing such characters as CJK.
 */

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Hugo's reading speeds: words per minute, and CJK characters per minute. */
export const WORDS_PER_MINUTE = 213;
export const CJK_WORDS_PER_MINUTE = 501;

/** True when `text` contains Han, Hangul, Hiragana or Katakana characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** True for what `\s` matches: ECMAScript's white space and line terminators. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Counts words: whitespace-separated fields. In CJK text (which has no spaces
 * between words) Hugo counts a field of plain ASCII as one word and any other
 * field as one word per character. One pass, no list of words: a post is
 * counted twice on every save, and 200 KB of one-letter words made 100,000 strings.
 */
export function countWords(plainText: string): number {
  const cjk = hasCjk(plainText);
  let count = 0;
  let inWord = false;
  // For the field being read in CJK text: its characters, and whether one is not ASCII.
  let chars = 0;
  let nonAscii = false;
  const endField = () => {
    if (inWord) count += cjk && nonAscii ? chars : 1;
  };
  for (let i = 0; i < plainText.length; i++) {
    const code = plainText.charCodeAt(i);
    if (isSpace(code)) {
      endField();
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      chars = 0;
      nonAscii = false;
    }
    // A character is one code point: the second half of a surrogate pair adds nothing.
    if (code < 0xdc00 || code > 0xdfff) chars++;
    if (code >= 0x80) nonAscii = true;
  }
  endField();
  return count;
}

/** Minutes to read `plainText`, rounded up; 0 for empty text. */
export function readingTime(plainText: string): number {
  const perMinute = hasCjk(plainText) ? CJK_WORDS_PER_MINUTE : WORDS_PER_MINUTE;
  return Math.ceil(countWords(plainText) / perMinute);
}
