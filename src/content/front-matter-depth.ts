/**
 * How deep front matter may nest. Real front matter nests a few levels (`cover.image`,
 * `build.render`); 100,000 levels of `[[[…` took the YAML parser seconds, and JSON that deep
 * overflowed the call stack of the code that reads the values (docs/decisions/021-linear-time-content.md).
 */
export const MAX_FRONT_MATTER_DEPTH = 64;

export const tooDeepMessage = `front matter nests deeper than ${MAX_FRONT_MATTER_DEPTH} levels`;

/** True when `value` has lists or tables nested deeper than `max`; walked without recursion. */
export function nestsDeeperThan(value: unknown, max: number = MAX_FRONT_MATTER_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object' || item instanceof Date) continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Where a scalar may open with a quote, or a comment start: after a space, a bracket or a comma. */
const TOKEN_START = new Set([undefined, ' ', '\t', '\n', '[', '{', ',', ':', '-', '?']);

/**
 * The offset in a YAML text where its `[`/`{` flow collections open past `max` levels, or -1.
 * Read before parsing, once over the text; quoted scalars and comments are skipped, so a bracket
 * in a title does not count.
 */
export function yamlFlowTooDeep(text: string, max: number = MAX_FRONT_MATTER_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const atStart = TOKEN_START.has(text[i - 1]);
    if (c === '#' && atStart) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if ((c === '"' || c === "'") && atStart) {
      for (i++; i < text.length && text[i] !== c; i++) if (c === '"' && text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}
