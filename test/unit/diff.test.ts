import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUnchanged, lineDiff, type DiffRow } from '../../src/content/diff.js';

/** The length of the longest common subsequence, the slow and sure way. */
function lcs(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const textsOf = (rows: DiffRow[], side: 'removed' | 'added') =>
  rows.flatMap((r) => (r.kind === 'same' || r.kind === side ? [r.text] : []));

describe('lineDiff', () => {
  it('when a line changes, then the old line is removed and the new one added, in place', () => {
    const d = lineDiff('one\ntwo\nthree\n', 'one\nTWO\nthree\n');
    expect(d.rows).toEqual([
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: 'TWO' },
      { kind: 'same', text: 'three' },
    ]);
    expect([d.added, d.removed]).toEqual([1, 1]);
  });

  it('when the texts are the same (trailing newline or not), then there are no changes', () => {
    expect(isUnchanged(lineDiff('a\nb', 'a\nb\n'))).toBe(true);
    expect(isUnchanged(lineDiff('', ''))).toBe(true);
  });

  it('when one side is empty, then every line of the other is added or removed', () => {
    expect(lineDiff('', 'a\nb').rows).toEqual([
      { kind: 'added', text: 'a' },
      { kind: 'added', text: 'b' },
    ]);
    expect(lineDiff('a', '').rows).toEqual([{ kind: 'removed', text: 'a' }]);
  });

  it('when a change sits in a long text, then far unchanged lines fold into a count', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[10] = 'changed';
    const d = lineDiff(lines.join('\n'), changed.join('\n'), 2);
    expect(d.rows[0]).toEqual({ kind: 'skipped', count: 8 });
    expect(d.rows.filter((r) => r.kind === 'same')).toHaveLength(4);
    expect(d.rows.at(-1)).toEqual({ kind: 'skipped', count: 7 });
  });

  it('when lines hold markup, then they come back as plain text (the view escapes them)', () => {
    const d = lineDiff('', '<script>alert(1)</script>');
    expect(d.rows).toEqual([{ kind: 'added', text: '<script>alert(1)</script>' }]);
  });

  it('when the texts differ in too many places, then the diff gives up instead of running long', () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b);
    expect(d.tooLarge).toBe(true);
    expect(d.rows).toEqual([]);
  });

  it('when random texts are compared, then the rows rebuild both and change as few lines as possible', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 40 });
    fc.assert(
      fc.property(lines, lines, (from, to) => {
        const d = lineDiff(from.map((l) => `${l}\n`).join(''), to.map((l) => `${l}\n`).join(''), Infinity);
        expect(d.added + d.removed).toBe(from.length + to.length - 2 * lcs(from, to));
        if (isUnchanged(d)) return;
        expect(textsOf(d.rows, 'removed')).toEqual(from);
        expect(textsOf(d.rows, 'added')).toEqual(to);
      }),
    );
  });

  it('when a text of a million characters changes in a few places, then only those lines are shown', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const changed = [...lines];
    for (const at of [5, 9_000, 19_990]) changed[at] = `changed ${at}`;
    const d = lineDiff(lines.join('\n'), changed.join('\n'));
    expect([d.tooLarge, d.added, d.removed]).toEqual([false, 3, 3]);
    expect(d.rows.filter((r) => r.kind === 'added')).toEqual([5, 9_000, 19_990].map((at) => ({ kind: 'added', text: `changed ${at}` })));
  });

  it('when the changes cost more than the budget given, then the diff gives up', () => {
    const a = Array.from({ length: 100 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 100 }, (_, i) => (i % 2 ? `b${i}` : `a${i}`)).join('\n');
    expect(lineDiff(a, b, 3, 1_000).tooLarge).toBe(true);
    expect(lineDiff(a, b, 3, 100_000).tooLarge).toBe(false);
  });

  it('when a text is made of very many short lines, then the diff gives up instead of splitting them all', () => {
    const d = lineDiff('a\n'.repeat(200_000), 'b\n'.repeat(200_000));
    expect(d.tooLarge).toBe(true);
  });
});
