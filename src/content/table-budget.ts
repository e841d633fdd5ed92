/**
 * GFM tables fill short rows with empty cells up to the header's width. markdown-it stops one
 * table at 65,536 filled cells, but not a document: 25 KB of 128-column tables whose rows are a
 * single letter made millions of cells and exhausted the server's heap. Here all the tables of
 * a document share one allowance of filled cells, a quarter of the document's length plus 4,096:
 * a table that writes out its cells fills none, one with a few short rows stays far below it, and
 * a table past it ends where the allowance does, the rest of its lines read as a paragraph, as
 * markdown-it does at its own limit (docs/decisions/021-linear-time-content.md).
 */
import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import table from 'markdown-it/lib/rules_block/table.mjs';

const EXTRA_CELLS = 4096;
const CHARS_PER_CELL = 4;

// Per render (its env object): filled cells still allowed.
const allowance = new WeakMap<object, number>();

/** Columns of the delimiter row (`|---|:-:|`), counted as markdown-it counts them. */
function columnsOf(state: StateBlock, line: number): number {
  const parts = state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]).split('|');
  const edges = (parts[0]!.trim() === '' ? 1 : 0) + (parts.length > 1 && parts.at(-1)!.trim() === '' ? 1 : 0);
  return parts.length - edges;
}

function budgetedTable(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (!table(state, startLine, endLine, true)) return false;
  if (silent) return true;
  const env = state.env as object;
  const left = allowance.get(env) ?? Math.floor(state.src.length / CHARS_PER_CELL) + EXTRA_CELLS;
  // Each body row fills at most (columns - 1) cells: the rows this table may have.
  const perRow = columnsOf(state, startLine + 1) - 1;
  if (perRow <= 0) return table(state, startLine, endLine, false);
  const rows = Math.floor(left / perRow);
  const ok = table(state, startLine, Math.min(endLine, startLine + 2 + rows), false);
  allowance.set(env, Math.max(0, left - perRow * Math.max(0, state.line - startLine - 2)));
  return ok;
}

export function tableBudgetPlugin(md: MarkdownIt): void {
  md.block.ruler.at('table', budgetedTable, { alt: ['paragraph', 'reference'] });
}
