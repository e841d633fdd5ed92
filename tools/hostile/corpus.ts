/**
 * Pathological inputs for `npm run bench:hostile`, kept as generators so any size can be made:
 * each `make(chars)` returns text of about `chars` characters. What one writer can type into the
 * editor, the preview or an imported file, shaped to find the parts of the pipeline whose work
 * grows faster than their input (docs/decisions/021-linear-time-content.md).
 */
import { FILE_INPUTS } from './corpus-files.js';
import { SHORTCODE_INPUTS } from './corpus-shortcodes.js';
import hljs from 'highlight.js';
import { fill, markdownInput as md, nested, numbered, units, type HostileInput } from './text.js';

export type { HostileInput } from './text.js';

const LANGUAGES = hljs.listLanguages();

/** One character, alone and with a letter after it: `***…` and `*a*a…`. */
const RUNS: Array<[string, string]> = [
  ['star', '*'], ['underscore', '_'], ['backtick', '`'], ['bracket', '['], ['close-bracket', ']'],
  ['lt', '<'], ['gt', '>'], ['brace', '{'], ['backslash', '\\'], ['bang', '!'], ['pipe', '|'],
  ['dash', '-'], ['hash', '#'], ['equals', '='], ['tilde', '~'], ['amp', '&'], ['paren', '('],
  ['quote', '"'], ['colon', ':'], ['space', ' '], ['newline', '\n'], ['tab', '\t'], ['plus', '+'],
  ['at', '@'], ['dot', '.'], ['slash', '/'],
];

const runInputs = RUNS.flatMap(([name, ch]) => [
  md(`run-${name}`, (n) => fill(ch, n)),
  md(`run-${name}-a`, (n) => fill(`${ch}a`, n)),
]);

const nestingInputs = [
  md('nest-blockquote', (n) => `${fill('>', n - 2)} a`),
  md('nest-blockquote-spaced', (n) => `${fill('> ', n - 2)}a`),
  md('nest-list-one-line', (n) => `${fill('- ', n - 2)}a`),
  md('nest-list-indented', (n) => numbered((i) => `${'  '.repeat(i % 400)}- a\n`, n)),
  md('nest-emphasis', (n) => fill('*a **b ', n)),
  md('nest-emphasis-closed', (n) => nested('*a _', 'b', '_*', n)),
  md('nest-brackets', (n) => nested('[', 'a', '](b)', n)),
  md('nest-images', (n) => nested('![', 'a', '](b.png)', n)),
  md('nest-link-parens', (n) => `[a](${fill('(', n - 5)}`),
  md('nest-html', (n) => nested('<div>', 'a', '</div>', n)),
  md('nest-html-inline', (n) => nested('<span>', 'a', '</span>', n)),
];

const repeatInputs = [
  md('headings-distinct', (n) => numbered((i) => `## Heading ${i}\n\n`, n)),
  md('headings-identical', (n) => fill('## a\n\n', n)),
  md('headings-numbered-clash', (n) => numbered((i) => (i % 2 ? `## a-${i >> 1}\n\n` : '## a\n\n'), n)),
  md('headings-setext', (n) => fill('a\n===\n\n', n)),
  md('heading-attributes', (n) => numbered((i) => `## T ${i} {#id-${i} .c k=v q="x y"}\n\n`, n)),
  md('heading-attribute-unclosed', (n) => `## x {${fill('a=a', n - 6)}`),
  md('heading-attribute-unclosed-many', (n) => fill('## x {a=aa=aa=aa=aa=aa=a\n\n', n)),
  md('heading-attribute-huge', (n) => `## x {${units(' .c k=v #i', n - 8)}}`),
  md('heading-attribute-quotes', (n) => `## x {${units('k="a" ', n - 8)}`),
  md('heading-hashes', (n) => `${fill('#', n - 2)} a`),
  md('list-items', (n) => numbered((i) => `- item ${i}\n`, n)),
  md('list-ordered', (n) => numbered((i) => `${i + 1}. item\n`, n)),
  md('task-list', (n) => fill('- [ ] a\n- [x] b\n', n)),
  md('table-rows', (n) => `| a | b |\n|---|---|\n${fill('| 1 | 2 |\n', n - 20)}`),
  md('table-columns', (n) => {
    const cols = Math.floor(n / 10);
    return `${'| a '.repeat(cols)}|\n${'|---'.repeat(cols)}|\n${'| 1 '.repeat(cols)}|\n`;
  }),
  md('table-square', (n) => {
    const side = Math.floor(Math.sqrt(n / 4));
    return `${'|a'.repeat(side)}|\n${'|-'.repeat(side)}|\n${`${'|1'.repeat(side)}|\n`.repeat(side)}`;
  }),
  md('table-empty-rows', (n) => `|a|\n|-|\n${fill('|\n', n - 8)}`),
  md('table-autocomplete-many', (n) => fill(`${'|a'.repeat(128)}|\n${'|-'.repeat(128)}|\n${'x\n'.repeat(128)}\n`, n)),
  md('table-autocomplete', (n) => `${units('|a', n / 4)}|\n${units('|-', n / 4)}|\n${fill('x\n', n / 2)}`),
  md('links', (n) => numbered((i) => `[a](https://example.com/${i}) `, n)),
  md('links-unclosed', (n) => fill('[a](b ', n)),
  md('link-titles-unclosed', (n) => fill('[a](b "c ', n)),
  md('reference-definitions', (n) => numbered((i) => `[r${i}]: https://example.com/${i}\n[r${i}]\n`, n)),
  md('reference-same-label', (n) => fill('[r]: https://example.com/a\n', n)),
  md('reference-uses', (n) => `[r]: /a\n\n${fill('[r] [r][] [x][r] ', n - 10)}`),
  // One long definition used many times: output that grows with the product of the two.
  md('reference-amplification', (n) => `[r]: /${fill('a', n / 2)} "${fill('t', n / 4)}"\n\n${fill('[r]', n / 4)}`),
  md('reference-image-amplification', (n) => `[r]: /${fill('a', n / 2)}.png\n\n${fill('![x][r]', n / 2)}`),
  md('footnotes', (n) => numbered((i) => `a[^${i}]\n\n[^${i}]: note ${i}\n\n`, n)),
  md('autolinks', (n) => numbered((i) => `<https://example.com/${i}> `, n)),
  md('bare-urls', (n) => numbered((i) => `https://example.com/${i} www.e${i}.com a${i}@b.com `, n)),
  md('bare-url-long', (n) => `https://example.com/${fill('a', n - 20)}`),
  md('file-names', (n) => numbered((i) => `file${i}.md `, n)),
  md('html-tags', (n) => fill('<span class="x">a</span> ', n)),
  md('html-unclosed-tags', (n) => fill('<a href="x" ', n)),
  md('html-attributes-huge', (n) => `<span ${units('a="b" ', n - 20)}>x</span>`),
  md('html-event-handlers', (n) => fill('<img src=x onerror=alert(1)><svg onload=alert(1)> ', n)),
  md('html-script', (n) => fill('<script>alert(1)</script><style>*{}</style>', n)),
  md('html-comments', (n) => fill('<!-- a -->\n', n)),
  md('html-comments-unclosed', (n) => fill('<!-- a ', n)),
  md('html-cdata-pi', (n) => fill('<![CDATA[ a <? b <!X ', n)),
  md('html-img-unclosed', (n) => fill('<img src="a.png" ', n)),
  md('html-inputs', (n) => fill('a <input type="text"> <input type="checkbox" checked> ', n)),
  md('html-deep-unmatched-close', (n) => `${fill('<div>', n / 2)}${fill('</span>', n / 2)}`),
  md('html-deep-inline', (n) => `a ${fill('<b>', n / 2)}${fill('</i>', n / 2)}`),
  md('entities', (n) => fill('&amp; &#x41; &#65; &nosuch; &', n)),
  md('escapes', (n) => fill('\\*\\_\\[\\`\\\\', n)),
  md('fences', (n) => fill('```js\nlet a = 1;\n```\n\n', n)),
  md('fences-unclosed', (n) => `\`\`\`\n${fill('a\n', n - 4)}`),
  md('fences-options', (n) => fill('```go {linenos=true hl_lines=[1,"2-3"]}\nfunc a() {}\n```\n\n', n)),
  md('fence-long-code', (n) => `\`\`\`go {linenos=table}\n${fill('x := 1 // a\n', n - 30)}\n\`\`\`\n`),
  md('fence-hl-lines-huge', (n) =>
    `\`\`\`go {hl_lines=[${numbered((i) => `${i * 2 + 1},`, n / 2)}]}\n${fill('a\n', n / 2)}\`\`\`\n`),
  md('fence-options-unclosed', (n) => `\`\`\`go {${fill('hl_lines=[1 ', n - 10)}\na\n\`\`\`\n`),
  // Code that highlight.js's grammars read in time growing with its square (colour-code.ts).
  md('fence-c-long-word', (n) => `\`\`\`c\n${fill('a', n - 10)}\n\`\`\`\n`),
  md('fence-csharp-words', (n) => `\`\`\`csharp\n${fill('ab cd\n', n - 20)}\`\`\`\n`),
  md('fence-yaml-words', (n) => `\`\`\`yaml\n${fill('ab cd ef\n', n - 20)}\`\`\`\n`),
  md('fence-nestedtext-lines', (n) => `\`\`\`nestedtext\n${fill('a\n', n - 20)}\`\`\`\n`),
  md('fence-js-nesting-numbered', (n) => `\`\`\`js {linenos=true}\n${fill('`${ ', n / 2)}${fill('\n', n / 2)}\`\`\`\n`),
  md('fences-every-language-word', (n) =>
    numbered((i) => `\`\`\`${LANGUAGES[i % LANGUAGES.length]}\nab cd(ef) "g" 1.5 # h\n\`\`\`\n\n`, n)),
  md('code-spans', (n) => fill('`a` ', n)),
  md('code-spans-unmatched', (n) => numbered((i) => `${'`'.repeat((i % 50) + 1)}a `, n)),
  md('images', (n) => numbered((i) => `![a](i${i}.png "t") `, n)),
  md('images-reference', (n) => numbered((i) => `![a][r${i}]\n[r${i}]: /i${i}.png\n`, n)),
  md('link-close-paren-runs', (n) => fill('](', n)),
  md('summary-dividers', (n) => fill('a\n\n<!--more-->\n\n', n)),
  md('paragraphs', (n) => fill('Some words in a paragraph.\n\n', n)),
  md('hard-breaks', (n) => fill('a  \n', n)),
  md('horizontal-rules', (n) => fill('---\n\n* * *\n\n', n)),
  md('strikethrough', (n) => fill('~~a~~ ~~b ', n)),
  md('control-characters', (n) =>
    fill(`${Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('')}a<\u0000script>\u007f\ufffe`, n)),
  md('long-word', (n) => fill('a', n)),
  md('long-word-mixed', (n) => fill('a_b*c`d[e<f{g', n)),
  md('unicode', (n) => fill('日本語 Ärger İstanbul 🙂 ', n)),
  md('crlf', (n) => fill('## a\r\nb\r\n\r\n', n)),
];

/** Every markdown and file input, in the order the bench runs them. */
export const HOSTILE_INPUTS: HostileInput[] = [
  ...nestingInputs,
  ...repeatInputs,
  ...SHORTCODE_INPUTS,
  ...runInputs,
  ...FILE_INPUTS,
];
