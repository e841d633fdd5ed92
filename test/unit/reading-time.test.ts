import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, hasCjk, readingTime } from '../../src/content/reading-time.js';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('countWords', () => {
  it.each([
    { text: '', count: 0 },
    { text: '   ', count: 0 },
    { text: 'one', count: 1 },
    { text: ' one  two\tthree\nfour ', count: 4 },
    { text: 'client-go is a library.', count: 4 },
    { text: 'fmt.Println("hi") }', count: 2 },
    { text: 'café au lait', count: 3 },
    { text: '这是中文', count: 4 },
    { text: '日本語 の テキスト', count: 8 },
    { text: '한국어 텍스트', count: 6 },
    // Hugo's CJK rule: an ASCII field is one word, any other field one word per character.
    { text: 'Go 言語 café', count: 7 },
  ])('when the text is $text, then it has $count words', ({ text, count }) => {
    expect(countWords(text)).toBe(count);
  });
});

describe('readingTime', () => {
  it.each([
    { name: 'empty', text: '', minutes: 0 },
    { name: '1 word', text: 'hello', minutes: 1 },
    { name: '213 words', text: words(213), minutes: 1 },
    { name: '214 words', text: words(214), minutes: 2 },
    { name: '1491 words', text: words(1491), minutes: 7 },
    { name: '1492 words', text: words(1492), minutes: 8 },
    { name: '501 CJK characters', text: '字'.repeat(501), minutes: 1 },
    { name: '502 CJK characters', text: '字'.repeat(502), minutes: 2 },
    { name: '300 English words with some Japanese', text: `${words(300)} 日本`, minutes: 1 },
  ])('when the text is $name, then it takes $minutes min', ({ text, minutes }) => {
    expect(readingTime(text)).toBe(minutes);
  });
});

describe('hasCjk', () => {
  it.each([
    ['plain English', false],
    ['Ünïcödé Latin', false],
    ['漢字', true],
    ['ひらがな', true],
    ['カタカナ', true],
    ['한글', true],
  ])('when the text is %j, then hasCjk is %s', (text, expected) => {
    expect(hasCjk(text)).toBe(expected);
  });
});

describe('countWords (any text)', () => {
  /** Hugo's rule written the obvious way: split on white space, then count each field. */
  const byFields = (text: string) => {
    const fields = text.split(/\s+/).filter((w) => w !== '');
    if (!hasCjk(text)) return fields.length;
    return fields.reduce((n, w) => n + (/[\u0080-\u{10ffff}]/u.test(w) ? [...w].length : 1), 0);
  };

  it('when the text mixes every kind of space, CJK, accents and emoji, then the count is that of splitting it into fields', () => {
    const piece = fc.constantFrom('a', 'word', ' ', '\t', '\n', '\u00a0', '\u3000', '\u2028', '\ufeff', '字', '한', 'é', '🙂', '1', '.');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(countWords(text)).toBe(byFields(text));
      }),
    );
  });
});
