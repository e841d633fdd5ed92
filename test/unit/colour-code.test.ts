import { describe, expect, it } from 'vitest';
import { colourCode } from '../../src/content/colour-code.js';
import { htmlToPlainText } from '../../src/content/plain-text.js';

const textOf = (html: string) => htmlToPlainText(`<pre>${html}</pre>`);

describe('colourCode', () => {
  it('when a block is small, then it is coloured whole', () => {
    expect(colourCode('x := 1\n', 'go')).toBe('x := <span class="hljs-number">1</span>\n');
  });

  it('when a block is larger than a piece, then every line is coloured and the text is unchanged', () => {
    const code = 'func main() { x := 1 } // a comment\n'.repeat(1000);
    const html = colourCode(code, 'go')!;
    expect(html.match(/<span class="hljs-number">1<\/span>/g)).toHaveLength(1000);
    expect(html.match(/<span class="hljs-comment">/g)).toHaveLength(1000);
    expect(textOf(html)).toBe(textOf(code.replace(/&/g, '&amp;').replace(/</g, '&lt;')));
  });

  it('when a grammar is slow on plain code, then large blocks are still coloured, in smaller pieces', () => {
    const html = colourCode('public int a = 1;\n'.repeat(2000), 'csharp')!;
    expect(html.match(/<span class="hljs-keyword">public<\/span>/g)).toHaveLength(2000);
  });

  it.each([
    ['a word of 300 letters', `x = ${'a'.repeat(300)}\n`],
    ['300 spaces in a row', `x = 1${' '.repeat(300)}\n`],
    ['a line longer than a piece', `${'ab '.repeat(3000)}\n`],
  ])('when the code has %s, then it is not coloured', (_case, code) => {
    expect(colourCode(code, 'c')).toBeNull();
  });

  it('when the language is unknown, then it is not coloured', () => {
    expect(colourCode('x', 'nosuchlang')).toBeNull();
  });
});
