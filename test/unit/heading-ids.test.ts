import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorize, createIdFactory } from '../../src/content/heading-ids.js';
import { renderMarkdown } from '../../src/content/markdown.js';

/** The ids as goldmark hands them out, trying -1, -2, … from the start for every heading. */
function oneByOne(steps: Array<{ reserve: boolean; text: string }>): string[] {
  const used = new Set<string>();
  return steps.map(({ reserve, text }) => {
    if (reserve) {
      used.add(text);
      return text;
    }
    const base = anchorize(text) || 'heading';
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

describe('createIdFactory', () => {
  it('when headings repeat, clash with numbered ones or with ids written by hand, then the ids are those of the one-by-one search', () => {
    const text = fc.constantFrom('a', 'a-1', 'a-2', 'a-1-1', 'b', '', '!!', 'heading', 'heading-1', 'A', 'a 1');
    const step = fc.record({ reserve: fc.boolean(), text });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const ids = createIdFactory();
        const got = steps.map((s) => (s.reserve ? (ids.reserve(s.text), s.text) : ids.generate(s.text)));
        expect(got).toEqual(oneByOne(steps));
      }),
    );
  });

  it('when 16,000 headings have the same text, then they get a, a-1, … a-15999', () => {
    const ids = createIdFactory();
    const got = Array.from({ length: 16_000 }, () => ids.generate('a'));
    expect(got.slice(0, 3)).toEqual(['a', 'a-1', 'a-2']);
    expect(got[15_999]).toBe('a-15999');
    expect(new Set(got).size).toBe(16_000);
  });

  it('when a post repeats a heading, then the page ids and the toc agree', () => {
    const { html, toc } = renderMarkdown('## a\n\n'.repeat(300));
    expect(toc.map((entry) => entry.id)).toEqual(['a', ...Array.from({ length: 299 }, (_, i) => `a-${i + 1}`)]);
    expect(html).toContain('<h2 id="a-299">a</h2>');
  });
});
