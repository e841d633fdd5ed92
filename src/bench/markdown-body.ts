import type { Random } from './random.js';
import { CODE, LINK_HOSTS, PROSE } from './words.js';

/** What a generated body holds, so the bench can pick pages that exercise it. */
export interface Body {
  markdown: string;
  codeBlocks: number;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A phrase of `min`–`max` words; `topics` are the post's tags, worked into the prose. */
export function phrase(r: Random, min: number, max: number, topics: readonly string[] = []): string {
  const words: string[] = [];
  const n = r.int(min, max);
  for (let i = 0; i < n; i++) {
    words.push(topics.length > 0 && r.chance(0.04) ? r.pick(topics) : r.pick(PROSE));
  }
  return words.join(' ');
}

function decorate(r: Random, word: string): string {
  const roll = r.next();
  if (roll < 0.015) return `\`${word}()\``;
  if (roll < 0.025) return `**${word}**`;
  if (roll < 0.03) return `*${word}*`;
  if (roll < 0.037) return `[${word}](https://${r.pick(LINK_HOSTS)}/${word}/${r.int(1, 999)})`;
  return word;
}

export function sentence(r: Random, topics: readonly string[]): string {
  const words = phrase(r, 6, 24, topics)
    .split(' ')
    .map((w) => decorate(r, w));
  if (words.length > 8 && r.chance(0.3)) words[r.int(3, words.length - 3)] += ',';
  return `${capitalize(words.join(' '))}${r.chance(0.1) ? '?' : '.'}`;
}

export function paragraph(r: Random, topics: readonly string[]): string {
  const n = r.chance(0.15) ? r.int(1, 2) : r.int(2, 6);
  return Array.from({ length: n }, () => sentence(r, topics)).join(' ');
}

function list(r: Random, topics: readonly string[]): string {
  const ordered = r.chance(0.3);
  return Array.from(
    { length: r.int(3, 6) },
    (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(r, topics)}`,
  ).join('\n');
}

function codeBlock(r: Random, topics: readonly string[]): string {
  const language = r.pick(Object.keys(CODE));
  const name = `${r.pick(PROSE)}_${r.pick(topics.length ? topics : PROSE)}`.replace(/[^a-z0-9_]/gi, '_');
  const lines = CODE[language]!.map((line) => line.replace(/NAME/g, name));
  return `\`\`\`${language}\n${lines.join('\n')}\n\`\`\``;
}

function table(r: Random): string {
  const rows = Array.from(
    { length: r.int(2, 5) },
    () => `| ${r.pick(PROSE)} | ${r.int(1, 9999)} | ${r.int(1, 99)} ms |`,
  );
  return ['| name | requests | p99 |', '| --- | ---: | ---: |', ...rows].join('\n');
}

/** A post body: an opening, 2–6 sections with headings, paragraphs, lists, quotes, tables and code. */
export function markdownBody(r: Random, topics: readonly string[], opts: { more: boolean }): Body {
  const blocks: string[] = [paragraph(r, topics)];
  if (opts.more) blocks.push('<!--more-->');
  const sections = r.int(2, 6);
  const wantCode = r.chance(0.6) ? (r.chance(0.25) ? 2 : 1) : 0;
  const codeAt = new Set(Array.from({ length: wantCode }, () => r.int(0, sections - 1)));
  for (let s = 0; s < sections; s++) {
    blocks.push(`## ${capitalize(phrase(r, 2, 6, topics))}`);
    for (let p = r.int(1, 3); p > 0; p--) blocks.push(paragraph(r, topics));
    if (r.chance(0.35)) blocks.push(list(r, topics));
    if (codeAt.has(s)) blocks.push(codeBlock(r, topics), paragraph(r, topics));
    if (r.chance(0.2)) blocks.push(`### ${capitalize(phrase(r, 2, 5, topics))}`, paragraph(r, topics));
    if (r.chance(0.1)) blocks.push(`> ${sentence(r, topics)} ${sentence(r, topics)}`);
    if (r.chance(0.06)) blocks.push(table(r));
  }
  return { markdown: `${blocks.join('\n\n')}\n`, codeBlocks: codeAt.size };
}
