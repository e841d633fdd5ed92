export interface Column {
  title: string;
  align?: 'left' | 'right';
}

/**
 * A Markdown pipe table padded so it also reads as a table in a terminal: the bench prints it,
 * and the README shows the same text.
 */
export function formatTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(3, c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) =>
    columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat(widths[i]! - 1)}:` : '-'.repeat(widths[i]!))).join(' | ')} |`;
  return [
    line(columns.map((c) => c.title)),
    rule,
    ...rows.map((r) => line(columns.map((_, i) => r[i] ?? ''))),
  ].join('\n');
}

/** `12345.6` → `12,346`. */
export const formatCount = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

/** Milliseconds with one decimal, two below 1 ms. */
export const formatMs = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(ms < 1 ? 2 : 1) : '–');

export const formatRatio = (r: number | null) =>
  r === null || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`;
