import { describe, expect, it } from 'vitest';
import { deriveContent } from '../../src/content/derive.js';
import { FrontMatterError } from '../../src/content/front-matter.js';
import { ALLOWED_TAGS } from '../../src/content/sanitize.js';
import { HOSTILE_INPUTS } from '../../tools/hostile/corpus.js';
import { exportPost, hugoFileOf, importFile } from '../../tools/hostile/paths.js';

const SIZES = [1024, 2048];
const markdownInputs = HOSTILE_INPUTS.filter((i) => i.kind === 'markdown');
const cases = markdownInputs.flatMap((input) => SIZES.map((chars) => ({ name: input.name, chars, input })));
const ALLOWED = new Set(ALLOWED_TAGS);
const LEAD = 'Lead paragraph of the post.';

describe('the hostile corpus', () => {
  it('when asked for a size, then every input is about that long', () => {
    for (const input of HOSTILE_INPUTS) {
      const text = input.make(4096);
      expect(text.length, input.name).toBeGreaterThan(2048);
      expect(text.length, input.name).toBeLessThan(8192);
    }
  });

  it('when listed, then every input has its own name', () => {
    expect(new Set(HOSTILE_INPUTS.map((i) => i.name)).size).toBe(HOSTILE_INPUTS.length);
  });
});

describe('rendering the hostile corpus', () => {
  it.each(cases)('when $name ($chars characters) is rendered, then the HTML is safe and the post keeps its text', ({ input, chars }) => {
    const markdown = `${LEAD}\n\n${input.make(chars)}`;
    const { html, toc, searchText } = deriveContent({ title: 'T', description: '', markdown, summarySource: '' });

    const names = [...html.matchAll(/<\/?([A-Za-z][^\s/>]*)/g)].map((m) => m[1]!.toLowerCase());
    expect(names.filter((name) => !ALLOWED.has(name))).toEqual([]);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i);
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    expect(html).not.toMatch(/<[^>]*[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const ids = [...html.matchAll(/<h[1-6] id="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(toc.every((entry) => ids.includes(entry.id))).toBe(true);
    expect(searchText).toContain(LEAD);
  });
});

describe('importing the hostile corpus', () => {
  it.each(HOSTILE_INPUTS.flatMap((input) => SIZES.map((chars) => ({ name: input.name, chars, input }))))(
    'when $name ($chars characters) is imported and exported, then it is a post or a front-matter error',
    ({ input, chars }) => {
      const read = importFile(hugoFileOf(input, input.make(chars)));
      if (read instanceof FrontMatterError) {
        expect(read.line).toBeGreaterThanOrEqual(1);
        return;
      }
      expect(importFile(exportPost(read))).not.toBeInstanceOf(Error);
    },
  );
});
