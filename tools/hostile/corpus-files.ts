/**
 * Whole Hugo content files for the import parser: YAML, TOML and JSON front matter that is huge,
 * deep, unclosed or broken, ahead of a short body.
 */
import { fileInput as file, fill, nested, numbered } from './text.js';

const yaml = (front: string) => `---\n${front}\n---\n\nBody.\n`;
const toml = (front: string) => `+++\n${front}\n+++\n\nBody.\n`;

export const FILE_INPUTS = [
  file('yaml-many-keys', (n) => yaml(`title: T\n${numbered((i) => `k${i}: v${i}\n`, n - 20)}`)),
  file('yaml-long-value', (n) => yaml(`title: ${fill('a', n - 20)}`)),
  file('yaml-many-tags', (n) => yaml(`title: T\ntags: [${numbered((i) => `t${i}, `, n - 30)}x]`)),
  file('yaml-many-aliases', (n) => yaml(`title: T\naliases:\n${numbered((i) => `  - /old/${i}/\n`, n - 30)}`)),
  file('yaml-deep-flow', (n) => yaml(`title: T\nx: ${nested('[', '1', ']', n - 20)}`)),
  file('yaml-deep-block', (n) => yaml(`title: T\n${numbered((i) => `${'  '.repeat(i % 200)}k${i}:\n`, n - 20)}`)),
  file('yaml-anchors', (n) => yaml(`title: T\na: &a [x, x, x]\n${numbered((i) => `k${i}: [*a, *a, *a]\n`, n - 40)}`)),
  file('yaml-unclosed-quote', (n) => yaml(`title: "${fill('a\n', n - 20)}`)),
  file('yaml-unclosed-front', (n) => `---\ntitle: T\n${fill('k: v\n', n - 20)}`),
  file('yaml-errors-many-lines', (n) => yaml(`${fill('a: [\n', n - 10)}`)),
  file('yaml-duplicate-keys', (n) => yaml(fill('title: T\n', n))),
  file('yaml-long-date', (n) => yaml(`title: T\ndate: "2024-${fill('1', n - 30)}"`)),
  file('toml-many-keys', (n) => toml(`title = "T"\n${numbered((i) => `k${i} = "v"\n`, n - 20)}`)),
  file('toml-many-tables', (n) => toml(`title = "T"\n${numbered((i) => `[t${i}]\na = 1\n`, n - 20)}`)),
  file('toml-deep-arrays', (n) => toml(`title = "T"\nx = ${nested('[', '1', ']', n - 20)}`)),
  file('toml-deep-inline-tables', (n) => toml(`title = "T"\nx = ${nested('{a=', '1', '}', n - 20)}`)),
  file('toml-long-string', (n) => toml(`title = "${fill('a', n - 20)}"`)),
  file('toml-unclosed-string', (n) => toml(`title = """${fill('a\n', n - 20)}`)),
  file('json-many-keys', (n) => `{"title": "T",${numbered((i) => `"k${i}": ${i},\n`, n - 30)}"z": 0}\n\nBody.\n`),
  file('json-deep', (n) => `{"title": "T", "x": ${nested('{"a":', '1', '}', n - 30)}}\n\nBody.\n`),
  file('json-unclosed', (n) => `{"title": "T", ${fill('"k": [', n - 20)}`),
  file('json-bad-at-end', (n) => `{"title": "T",\n${numbered((i) => `"k${i}": 1,\n`, n - 30)}"bad": }\n`),
  file('front-matter-delimiters', (n) => fill('---\n', n)),
  file('body-only', (n) => fill('Body text with no front matter.\n', n)),
];
