/**
 * Line diffs for the revisions page: which lines one text removes and adds on the way to another,
 * with long unchanged stretches folded away. Pure data; the view escapes and marks it up.
 */
import { diffLines } from 'diff';

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'skipped'; count: number };

export interface LineDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** True when the texts differ too much to show line by line in reasonable time. */
  tooLarge: boolean;
}

const splitLines = (value: string) => {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** The lines of `from` and `to`, marked, keeping `context` unchanged lines around each change. */
export function lineDiff(from: string, to: string, context = 3): LineDiff {
  const norm = (s: string) => (s === '' || s.endsWith('\n') ? s : `${s}\n`);
  const changes = diffLines(norm(from), norm(to), { maxEditLength: 1_000, timeout: 200 });
  if (!changes) return { rows: [], added: 0, removed: 0, tooLarge: true };
  const all: { kind: 'same' | 'added' | 'removed'; text: string }[] = [];
  for (const change of changes) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const line of splitLines(change.value)) all.push({ kind, text: line });
  }
  const near = all.map(() => false);
  all.forEach((row, i) => {
    if (row.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(all.length - 1, i + context); j++) near[j] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  all.forEach((row, i) => {
    if (near[i]) {
      if (skipped > 0) rows.push({ kind: 'skipped', count: skipped });
      skipped = 0;
      rows.push(row);
    } else skipped++;
  });
  if (skipped > 0) rows.push({ kind: 'skipped', count: skipped });
  return {
    rows,
    added: all.filter((r) => r.kind === 'added').length,
    removed: all.filter((r) => r.kind === 'removed').length,
    tooLarge: false,
  };
}

/** True when the diff has no changes at all. */
export const isUnchanged = (d: LineDiff) => !d.tooLarge && d.added === 0 && d.removed === 0;
