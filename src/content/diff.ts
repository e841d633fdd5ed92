/**
 * Line diffs for the revisions page: which lines one text removes and adds on the way to another,
 * with long unchanged stretches folded away. Pure data; the view escapes and marks it up.
 *
 * The cost is bounded whatever the texts (up to the editor's million characters), since a diff
 * is worked out while an editor waits and nothing else runs: one linear pass trims the lines both
 * texts start and end with, the lines left are numbered by content (so comparing two is comparing
 * two numbers), and Myers' algorithm runs on those numbers within a budget of steps. Past the
 * budget, or past a number of lines, the diff gives up (`tooLarge`): some 20 ms at worst.
 */

export type DiffRow =
  | { kind: 'same' | 'added' | 'removed'; text: string }
  | { kind: 'skipped'; count: number };

export interface LineDiff {
  rows: DiffRow[];
  added: number;
  removed: number;
  /** True when the texts are too long or differ too much to show line by line in reasonable time. */
  tooLarge: boolean;
}

/**
 * Steps (line comparisons and moves) one diff may take. Myers needs about D²/2 of them for D
 * changed lines, so this shows up to about 1,000 changed lines, in a few milliseconds.
 */
export const DIFF_BUDGET = 500_000;
/** Lines a text may have to be compared at all: splitting more would cost too much by itself. */
const MAX_LINES = 100_000;
/** Lines of both texts, once their common start and end are trimmed, that may be searched. */
const MAX_MIDDLE_LINES = 50_000;

type Op = 'same' | 'added' | 'removed';
/** `count` lines in a row of one kind: long unchanged stretches cost one entry, not one per line. */
type Run = { kind: Op; count: number };

/** True when `value` has at most `max` line breaks, found without splitting it. */
function fewLines(value: string, max: number): boolean {
  let count = 0;
  for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) if (++count > max) return false;
  return true;
}

const splitLines = (value: string) => {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/**
 * Each line of `a` and `b` as a number, equal lines getting equal numbers, through a hash table
 * of the lines' FNV-1a hashes: a line is compared in full here, once, and as a number after.
 * Probing is charged to the budget by the length compared, so lines made to collide cost a
 * give-up, not time. Null past the budget; else the numbers and the steps spent.
 */
function numbered(a: string[], b: string[], budget: number): { a: Int32Array; b: Int32Array; steps: number } | null {
  let size = 2;
  while (size < 2 * (a.length + b.length)) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const lines: string[] = [];
  const hashes: number[] = [];
  let steps = 0;
  const idsOf = (from: string[]): Int32Array | null => {
    const out = new Int32Array(from.length);
    for (let i = 0; i < from.length; i++) {
      const line = from[i]!;
      let h = 0x811c9dc5;
      for (let c = 0; c < line.length; c++) h = Math.imul(h ^ line.charCodeAt(c), 0x01000193);
      for (let slot = h & (size - 1); ; slot = (slot + 1) & (size - 1)) {
        const id = slots[slot]!;
        if (id < 0) {
          slots[slot] = out[i] = lines.length;
          lines.push(line);
          hashes.push(h);
          break;
        }
        steps += 1 + (line.length >> 6);
        if (steps > budget) return null;
        if (hashes[id] === h && lines[id] === line) {
          out[i] = id;
          break;
        }
      }
    }
    return out;
  };
  const ids = idsOf(a);
  const otherIds = ids && idsOf(b);
  return ids && otherIds ? { a: ids, b: otherIds, steps } : null;
}

/** Appends `count` lines of `kind`, joining the run before when it is of the same kind. */
function push(runs: Run[], kind: Op, count: number) {
  if (count <= 0) return;
  const last = runs.at(-1);
  if (last?.kind === kind) last.count += count;
  else runs.push({ kind, count });
}

/**
 * The shortest edit script from `lines` to `otherLines` (Myers, 1986), or null past `budget`
 * steps. Keeps each round's furthest reaches to walk the path back: about as many numbers as
 * steps taken.
 */
function myers(lines: string[], otherLines: string[], budget: number): Run[] | null {
  const n = lines.length;
  const m = otherLines.length;
  // Lines only added or only removed need no search.
  if (n === 0 || m === 0) return n + m === 0 ? [] : [{ kind: n === 0 ? 'added' : 'removed', count: n + m }];
  // Numbering the lines is a step each, and more for collisions.
  if (n + m > Math.min(budget, MAX_MIDDLE_LINES)) return null;
  const ids = numbered(lines, otherLines, budget - (n + m));
  if (!ids) return null;
  const { a, b } = ids;
  let steps = n + m + ids.steps;
  // Round d takes at least d + 1 steps, so the budget allows about √(2·budget) rounds.
  const rounds = Math.min(n + m, Math.ceil(Math.sqrt(2 * budget)) + 1);
  const offset = rounds + 1;
  const v = new Int32Array(2 * rounds + 3);
  const trace: Int32Array[] = [];
  let end = -1;
  for (let d = 0; d <= rounds && end < 0; d++) {
    const round = new Int32Array(d + 1);
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      const from = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      // A snake stops at the budget too: one alone can be as long as the texts.
      const stop = Math.min(n, from + budget - steps);
      let x = from;
      let y = x - k;
      while (x < stop && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      steps += 1 + x - from;
      if (steps > budget) return null;
      v[offset + k] = x;
      round[(k + d) >> 1] = x;
      if (x >= n && y >= m) end = d;
    }
    trace.push(round);
  }
  if (end < 0) return null;
  // Walk back from the end, one round at a time, then turn the runs around.
  const backwards: Run[] = [];
  let x = n;
  let y = m;
  for (let d = end; d > 0; d--) {
    const prev = trace[d - 1]!;
    const reach = (k: number) => prev[(k + d - 1) >> 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && reach(k - 1) < reach(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = reach(prevK);
    push(backwards, 'same', x - (down ? prevX : prevX + 1));
    push(backwards, down ? 'added' : 'removed', 1);
    x = prevX;
    y = prevX - prevK;
  }
  push(backwards, 'same', x);
  const runs: Run[] = [];
  for (let i = backwards.length - 1; i >= 0; i--) push(runs, backwards[i]!.kind, backwards[i]!.count);
  return runs;
}

const gaveUp = (): LineDiff => ({ rows: [], added: 0, removed: 0, tooLarge: true });

/** The lines of `from` and `to`, marked, keeping `context` unchanged lines around each change. */
export function lineDiff(from: string, to: string, context = 3, budget = DIFF_BUDGET): LineDiff {
  if (!fewLines(from, MAX_LINES) || !fewLines(to, MAX_LINES)) return gaveUp();
  const a = splitLines(from);
  const b = splitLines(to);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB), budget);
  if (!middle) return gaveUp();
  const runs: Run[] = [];
  push(runs, 'same', start);
  for (const run of middle) push(runs, run.kind, run.count);
  push(runs, 'same', a.length - endA);
  return {
    rows: rowsOf(runs, a, b, context),
    added: runs.reduce((sum, r) => sum + (r.kind === 'added' ? r.count : 0), 0),
    removed: runs.reduce((sum, r) => sum + (r.kind === 'removed' ? r.count : 0), 0),
    tooLarge: false,
  };
}

/**
 * The rows to show: each stretch of changes with its removed lines before its added ones, and
 * `context` unchanged lines on each side of it; unchanged lines further away are folded into counts.
 */
function rowsOf(runs: Run[], a: string[], b: string[], context: number): DiffRow[] {
  const rows: DiffRow[] = [];
  let i = 0;
  let j = 0;
  const same = (count: number) => {
    for (const text of a.slice(i, i + count)) rows.push({ kind: 'same', text });
    i += count;
    j += count;
  };
  runs.forEach((run, at) => {
    if (run.kind === 'same') {
      const head = at === 0 ? 0 : Math.min(run.count, context);
      const tail = at === runs.length - 1 ? 0 : Math.min(run.count - head, context);
      const skipped = run.count - head - tail;
      same(head);
      if (skipped > 0) rows.push({ kind: 'skipped', count: skipped });
      i += skipped;
      j += skipped;
      same(tail);
      return;
    }
    // A stretch of changes alternates removed and added runs; it ends at the next unchanged run.
    if (at > 0 && runs[at - 1]!.kind !== 'same') return;
    const stretch: Run[] = [];
    for (let k = at; k < runs.length && runs[k]!.kind !== 'same'; k++) stretch.push(runs[k]!);
    for (const r of stretch.filter((s) => s.kind === 'removed')) {
      for (const text of a.slice(i, i + r.count)) rows.push({ kind: 'removed', text });
      i += r.count;
    }
    for (const r of stretch.filter((s) => s.kind === 'added')) {
      for (const text of b.slice(j, j + r.count)) rows.push({ kind: 'added', text });
      j += r.count;
    }
  });
  return rows;
}

/** True when the diff has no changes at all. */
export const isUnchanged = (d: LineDiff) => !d.tooLarge && d.added === 0 && d.removed === 0;
