import { describe, expect, it } from 'vitest';
import { isUnchanged, lineDiff } from '../../src/content/diff.js';

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
});
