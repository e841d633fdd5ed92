/**
 * Code blocks line by line, for Hugo's `linenos` and `hl_lines`: each line a span, with its number
 * and mark, the colours' spans closed at its end and opened again on the next.
 */

/** What numbering needs of a block's options (highlight.ts CodeOptions). */
export interface LineOptions {
  lineNumbers: boolean;
  lineStart: number;
  highlightLines: Array<[number, number]>;
}

/**
 * Lines the document being rendered may still number or mark (withLineAllowance). Each such line
 * becomes two spans, some 50 bytes: 100,000 empty lines in a 200 KB post made 5 MB of HTML.
 */
let lineAllowance = Infinity;

/** Runs `render` with `allowance` lines to number or mark, across all its code blocks. */
export function withLineAllowance<T>(allowance: number, render: () => T): T {
  const outer = lineAllowance;
  lineAllowance = allowance;
  try {
    return render();
  } finally {
    lineAllowance = outer;
  }
}

/** True (and the lines taken from the allowance) when `code` may be numbered or marked line by line. */
export function takeLines(code: string): boolean {
  let lines = 1;
  for (let i = code.indexOf('\n'); i >= 0 && lines <= lineAllowance; i = code.indexOf('\n', i + 1)) lines++;
  if (lines > lineAllowance) return false;
  lineAllowance -= lines;
  return true;
}

/**
 * Highlighted HTML split into lines, each with its open spans closed and reopened; null when that
 * would reopen more than `maxReopened` spans. Spans left open across lines are reopened on every
 * line: 500 nested template strings over 500 lines made 250,000 spans of 2 KB of code.
 */
function splitLines(html: string, maxReopened = Infinity): string[] | null {
  const lines: string[] = [];
  const open: string[] = [];
  let reopened = 0;
  let line = '';
  for (const part of html.split(/(<span[^>]*>|<\/span>|\n)/)) {
    if (part === '\n') {
      reopened += open.length;
      if (reopened > maxReopened) return null;
      lines.push(line + '</span>'.repeat(open.length));
      line = open.join('');
    } else if (part.startsWith('<span')) {
      open.push(part);
      line += part;
    } else if (part === '</span>') {
      open.pop();
      line += part;
    } else {
      line += part;
    }
  }
  if (line !== open.join('')) lines.push(line + '</span>'.repeat(open.length));
  return lines;
}

/**
 * Which of `count` lines are marked, by a difference array: asking each line of every range
 * took lines × ranges steps (a fence with `hl_lines` of 50,000 ranges over 50,000 lines).
 */
export function markedLines(ranges: Array<[number, number]>, count: number): Uint8Array {
  const delta = new Int32Array(count + 2);
  for (const [from, to] of ranges) {
    const first = Math.max(1, from);
    const last = Math.min(count, to);
    if (first > last) continue;
    delta[first]! += 1;
    delta[last + 1]! -= 1;
  }
  const marked = new Uint8Array(count + 1);
  for (let n = 1, depth = 0; n <= count; n++) {
    depth += delta[n]!;
    marked[n] = depth > 0 ? 1 : 0;
  }
  return marked;
}

/**
 * A code block's lines as spans, with their numbers and marks. `plain` (the code escaped, no
 * colours) stands in when the colours nest too deep to repeat on every line.
 */
export function withLines(html: string, plain: () => string, options: LineOptions): string {
  let count = 1;
  for (let i = html.indexOf('\n'); i >= 0; i = html.indexOf('\n', i + 1)) count++;
  const lines = splitLines(html, 4 * count + 256) ?? splitLines(plain())!;
  const marked = markedLines(options.highlightLines, lines.length);
  return lines
    .map((line, i) => {
      const number = options.lineNumbers ? `<span class="ln">${options.lineStart + i}</span>` : '';
      return `<span class="line${marked[i + 1] ? ' hl' : ''}">${number}${line}\n</span>`;
    })
    .join('');
}

