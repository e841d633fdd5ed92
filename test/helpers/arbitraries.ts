/**
 * Generators of hostile text for property tests: Markdown full of HTML, URLs and shortcodes meant
 * to run script, and Hugo content files with random, broken and hostile front matter.
 */
import fc from 'fast-check';

const SCHEMES = [
  'javascript:',
  'JaVaScRiPt:',
  ' javascript:',
  'java\tscript:',
  'java&#x09;script:',
  '&#106;avascript:',
  'javascript&colon;',
  '\u0001javascript:',
  'vbscript:',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'http://',
  'https://',
  '//',
  '/',
  'mailto:',
  '',
];
const url = fc.tuple(fc.constantFrom(...SCHEMES), fc.string({ maxLength: 20 })).map(([s, rest]) => s + rest);

const TAGS = [
  'script',
  'SCRIPT',
  'ScRiPt',
  'img',
  'a',
  'iframe',
  'svg',
  'math',
  'object',
  'embed',
  'form',
  'input',
  'button',
  'base',
  'link',
  'meta',
  'style',
  'details',
  'video',
  'audio',
  'source',
  'body',
  'div',
  'p',
  'span',
  'table',
  'td',
  'textarea',
  'select',
  'template',
  'noscript',
  'xmp',
  'frame',
  'frameset',
  'marquee',
  'animate',
  'set',
  'use',
  'image',
  'foreignObject',
  'isindex',
  'plaintext',
  'title',
];
const ATTRS = [
  'onerror',
  'onload',
  'onclick',
  'onmouseover',
  'ONLOAD',
  'ontoggle',
  'onfocus',
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'style',
  'srcdoc',
  'data',
  'background',
  'poster',
  'lowsrc',
  'class',
  'id',
  'type',
  'value',
  'open',
  'autofocus',
  'target',
  'rel',
  'http-equiv',
  'content',
];
const attrValue = fc.oneof(
  url,
  fc.string({ maxLength: 15 }),
  fc.constantFrom('alert(1)', 'expression(alert(1))', 'refresh', '0;url=javascript:alert(1)'),
);
const quote = fc.constantFrom('"', "'", '');
const htmlTag = fc
  .tuple(
    fc.constantFrom(...TAGS),
    fc.array(fc.tuple(fc.constantFrom(...ATTRS), attrValue, quote), { maxLength: 4 }),
    fc.string({ maxLength: 20 }),
    fc.boolean(),
    fc.constantFrom('', '/', ' /'),
  )
  .map(
    ([tag, attrs, inner, close, selfClose]) =>
      `<${tag}${attrs.map(([n, v, q]) => ` ${n}=${q}${v}${q}`).join('')}${selfClose}>${inner}${close ? `</${tag}>` : ''}`,
  );
const mdLink = fc
  .tuple(fc.string({ maxLength: 10 }), url, fc.boolean(), fc.option(fc.string({ maxLength: 10 })))
  .map(
    ([text, u, image, title]) => `${image ? '!' : ''}[${text}](${u}${title === null ? '' : ` "${title}"`})`,
  );
const autolink = url.map((u) => `<${u}>`);
const refLink = fc
  .tuple(fc.stringMatching(/^[a-z]{1,6}$/), url)
  .map(([label, u]) => `[${label}]\n\n[${label}]: ${u}`);
const SHORTCODES = [
  'youtube',
  'vimeo',
  'figure',
  'ref',
  'relref',
  'highlight',
  'gist',
  'tweet',
  'x',
  'instagram',
  'param',
  'unknown',
  '<script>',
  '',
];
const shortcodeArg = fc.oneof(
  attrValue.map((v) => `"${v}"`),
  fc
    .tuple(
      fc.constantFrom('src', 'link', 'caption', 'title', 'alt', 'id', 'class', 'user', 'onload'),
      attrValue,
    )
    .map(([n, v]) => `${n}="${v}"`),
  fc.string({ maxLength: 10 }),
);
const shortcode = fc
  .tuple(
    fc.constantFrom(...SHORTCODES),
    fc.array(shortcodeArg, { maxLength: 3 }),
    fc.constantFrom(['{{<', '>}}'], ['{{%', '%}}'], ['{{<', '%}}'], ['{{</*', '*/>}}']),
    fc.boolean(),
    fc.oneof(fc.string({ maxLength: 15 }), htmlTag),
  )
  .map(([name, args, [open, close], paired, inner]) => {
    const start = `${open} ${name} ${args.join(' ')} ${close}`;
    return paired ? `${start}${inner}${open} /${name} ${close}` : start;
  });
const fence = fc
  .tuple(
    fc.constantFrom(
      'js',
      'html',
      '"><script>alert(1)</script>',
      'go {linenos=true hl_lines=[2]}',
      'x {hl_lines=["a-"]}',
      'python {linenostart=-5 linenos=table}',
      '',
    ),
    fc.oneof(fc.string(), htmlTag),
    fc.constantFrom('```', '~~~', '````'),
  )
  .map(([lang, code, marks]) => `${marks}${lang}\n${code}\n${marks}`);
const heading = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.oneof(fc.string({ maxLength: 20 }), htmlTag),
    fc.option(fc.string({ maxLength: 8 })),
  )
  .map(([n, text, id]) => `${'#'.repeat(n)} ${text}${id === null ? '' : ` {#${id}}`}`);
const odd = fc.constantFrom(
  '<!--more-->',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '- [x] done\n- [ ] <input type="text" onfocus=alert(1)>',
  '| a | b |\n| --- | :-: |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
  '> <a href="javascript:alert(1)">quoted</a>',
  '***',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  '\u0000',
  '\r\n',
  '<',
  '`<script>`',
  '<scr<script>ipt>alert(1)</script>',
  '<a href="java\nscript:alert(1)">x</a>',
  '[x](<javascript:alert(1)>)',
  'www.example.com/<script>',
);
const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: htmlTag },
  { weight: 2, arbitrary: mdLink },
  { weight: 1, arbitrary: autolink },
  { weight: 1, arbitrary: refLink },
  { weight: 2, arbitrary: shortcode },
  { weight: 1, arbitrary: fence },
  { weight: 1, arbitrary: heading },
  { weight: 2, arbitrary: odd },
);
/** Markdown made of random text, hostile HTML, links, shortcodes, code fences and headings. */
export const hostileMarkdown = fc
  .array(fc.tuple(fragment, fc.constantFrom('', ' ', '\n', '\n\n')), { maxLength: 12 })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

const KEYS = [
  'title',
  'Title',
  'TITLE',
  'date',
  'publishDate',
  'pubdate',
  'lastmod',
  'expiryDate',
  'draft',
  'slug',
  'summary',
  'description',
  'weight',
  'showToc',
  'tags',
  'categories',
  'aliases',
  'url',
  'type',
  'layout',
  'cover',
  'images',
  'build',
  'params',
  'x',
];
const key = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
/** Values Hugo sites really have, and values meant to break a parser. */
const plainValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z][\w .,!?-]{0,20}$/),
  fc.constantFrom(
    '2024-04-25',
    '2024-04-25T10:00:00Z',
    '2024-04-25 10:00:00',
    '2024-04-25T10:00:00+02:00',
    'true',
    'false',
    '10',
    '-3',
    '1.5',
    '/old/path/',
    'about',
    'https://example.com/x',
  ),
);
const hostileValue = fc.constantFrom(
  '2024-13-45',
  '10:00:00',
  'null',
  '~',
  '0x1F',
  '1e400',
  '-0',
  '.inf',
  'NaN',
  '2024-02-30T25:61:61+99:99',
  '"unterminated',
  "'unterminated",
  '[unclosed',
  '{unclosed',
  '&anchor value',
  '*alias',
  '!!binary aGVsbG8=',
  '!!js/function "x"',
  '!custom tag',
  '|',
  '>-',
  '- item',
  ': :',
  '? complex',
  '@reserved',
  '`backtick',
  '%directive',
  '#comment',
  '\u0000',
  '"\\u{1F600}"',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
);
const scalarText = fc.oneof(
  { weight: 6, arbitrary: plainValue },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.double().map(String) },
);
const yamlValue = fc.oneof(
  { weight: 6, arbitrary: scalarText },
  { weight: 2, arbitrary: scalarText.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.array(plainValue, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`) },
  {
    weight: 2,
    arbitrary: fc.array(scalarText, { maxLength: 3 }).map((items) => items.map((i) => `\n  - ${i}`).join('')),
  },
  { weight: 1, arbitrary: fc.tuple(key, scalarText).map(([k, v]) => `\n  ${k}: ${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('&a [*a]', '&a {x: *a}', '*undefined', '&a\n  b: *a', '&a x') },
);
const yamlLine = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(key, fc.constantFrom(': ', ': ', ':', ' : ', ':\t'), yamlValue)
      .map(([k, sep, v]) => `${k}${sep}${v}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '\t- tabbed',
      '  indented: x',
      '---',
      '...',
      '%YAML 1.2',
      '<<: *a',
      '# a comment',
      '',
    ),
  },
);
const tomlValue = fc.oneof(
  { weight: 6, arbitrary: scalarText.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: scalarText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1979-05-27T07:32:00Z',
      '1979-05-27',
      '07:32:00',
      'true',
      '+inf',
      'nan',
      '0o17',
      '1_000',
      "'''multi",
      '"""multi',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(
        scalarText.map((v) => JSON.stringify(v)),
        { maxLength: 3 },
      )
      .map((items) => `[${items.join(', ')}]`),
  },
  { weight: 1, arbitrary: fc.tuple(key, scalarText).map(([k, v]) => `{ ${k} = ${JSON.stringify(v)} }`) },
);
const tomlLine = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(key, fc.constantFrom(' = ', ' = ', '=', ' == '), tomlValue)
      .map(([k, sep, v]) => `${k}${sep}${v}`),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: key.map((k) => `[${k}]`) },
  { weight: 1, arbitrary: key.map((k) => `[[${k}]]`) },
);
const jsonFrontMatter = fc.oneof(
  fc
    .dictionary(key, fc.oneof(fc.jsonValue({ maxDepth: 2 }), plainValue), { maxKeys: 6 })
    .map((o) => JSON.stringify({ title: 'T', ...o }, null, 2)),
  fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }).map((o) => JSON.stringify(o, null, 2)),
  fc.string({ maxLength: 30 }).map((s) => `{${s}`),
  fc
    .dictionary(key, scalarText, { maxKeys: 4 })
    .map((o) => JSON.stringify(o).replace(/,/g, ',\n').slice(0, -1)),
);
/** Most files open with a title, as Hugo sites do; the lines after it are random. */
const withTitle = (line: fc.Arbitrary<string>, title: (t: string) => string) =>
  fc
    .tuple(fc.option(plainValue, { freq: 10 }), fc.array(line, { maxLength: 8 }))
    .map(([t, lines]) => (t === null ? lines : [title(t), ...lines]));
/** Mostly what sites have, now and then something broken. */
const mostly = (usual: string, ...odd: string[]) =>
  fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom(...odd) });
const opening = mostly('', '\uFEFF', ' ', '\n');
const eol = mostly('\n', '\r\n');
const fileBody = fc.oneof(fc.string({ maxLength: 20 }), hostileMarkdown);
/** A content file: YAML, TOML or JSON front matter (mostly sound, sometimes broken) and a body. */
export const frontMatterFile = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        opening,
        withTitle(yamlLine, (t) => `title: ${t}`),
        mostly('---', '--- ', '----', '', '+++', '...'),
        eol,
        fileBody,
      )
      .map(([o, lines, close, end, text]) => [`${o}---`, ...lines, close, text].join(end)),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        opening,
        withTitle(tomlLine, (t) => `title = ${JSON.stringify(t)}`),
        mostly('+++', '+++ ', '++++', '', '---'),
        eol,
        fileBody,
      )
      .map(([o, lines, close, end, text]) => [`${o}+++`, ...lines, close, text].join(end)),
  },
  { weight: 2, arbitrary: fc.tuple(jsonFrontMatter, fileBody).map(([json, text]) => `${json}\n${text}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);
/** A content path under content/, as the importer passes it. */
export const contentPath = fc.oneof(
  fc.constantFrom(
    'posts/hello.md',
    'posts/a b/index.md',
    'about.md',
    'posts/2024-04-25-dated.md',
    'posts/.md',
    'posts/---.md',
    'posts/日本.md',
  ),
  fc.string({ maxLength: 20 }).map((s) => `posts/${s}.md`),
);
