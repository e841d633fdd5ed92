import { describe, expect, it } from 'vitest';
import { trailingAttributes } from '../../src/content/heading-attributes.js';
import { renderMarkdown } from '../../src/content/markdown.js';

describe('trailingAttributes (goldmark heading attributes)', () => {
  it.each([
    ['Title {#custom-id}', 'custom-id'],
    ['Title {#custom-id .class key=value key="v w"}', 'custom-id'],
    ['Title {.wide #a:b_c-d}', 'a:b_c-d'],
    ['Title {#one, #two}', 'two'],
    ['Title {id="from-key"}', 'from-key'],
    ["Title {title='a } b' #x}", 'x'],
    ['Title {#v1.2}', 'v1.2'],
  ])('when the heading is %j, then its id is %j and the block is not shown', (text, id) => {
    const block = trailingAttributes(text);
    expect(block?.id).toBe(id);
    expect(text.slice(0, block?.start)).toBe('Title');
  });

  it('when the block sets no id, then it still goes and no id is given', () => {
    expect(trailingAttributes('Title {.note data-x=1}')).toEqual({ start: 5, id: undefined });
  });

  it.each([
    ['no block', 'Title'],
    ['an unclosed block', 'Title {#id'],
    ['text after the block', 'Title {#id} more'],
    ['an unclosed quote', 'Title {k="v}'],
    ['a key without a value', 'Title {key}'],
    ['an empty name', 'Title {# .x}'],
    ['a brace inside the last block', 'Title {k=a}b}'],
  ])('when the heading has %s, then nothing is taken', (_case, text) => {
    expect(trailingAttributes(text)).toBeNull();
  });

  it('when only the last brace opens a valid block, then that block is the one read', () => {
    expect(trailingAttributes('Set {1, 2} {#sets}')).toEqual({ start: 10, id: 'sets' });
  });
});

describe('renderMarkdown (heading attributes)', () => {
  it('when a heading ends with {#id .class key="v"}, then the id is used and the block is not shown', () => {
    const { html, toc } = renderMarkdown('## Install it {#setup .wide data-x="1 2"}\n');
    expect(html).toBe('<h2 id="setup">Install it</h2>\n');
    expect(toc).toEqual([{ level: 2, id: 'setup', text: 'Install it' }]);
  });

  it('when a heading holds an unclosed block of many a=a, then it is shown as written with a generated id', () => {
    const tail = 'a=a'.repeat(23);
    const { html } = renderMarkdown(`## x {${tail}\n`);
    expect(html).toBe(`<h2 id="x-${'aa'.repeat(23)}">x {${tail}</h2>\n`);
  });

  it('when a long unclosed block is followed by a heading with an id, then the later id is still read', () => {
    const { toc } = renderMarkdown(`## x {${'a=a'.repeat(5000)}\n\n## Next {#next}\n`);
    expect(toc.map((entry) => entry.id)).toEqual([`x-${'aa'.repeat(5000)}`, 'next']);
  });
});
