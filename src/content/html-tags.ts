/**
 * The tags of a piece of HTML, found in one pass: a tag runs from `<name` to its first `>` outside
 * quoted values; what does not read as a tag is text. Used where HTML may be hostile (before it is
 * sanitized, or when it is not ours), so that no part of it is read more than a bounded number of
 * times (docs/decisions/021-linear-time-content.md).
 */

const TAG_NAME = /<\/?([A-Za-z][A-Za-z0-9-]*)/y;

/**
 * Where the tags of one text end. A tag runs to its first `>` outside quotes (quoted values may
 * hold `>`); an unclosed quote or no `>` at all means it is not a tag. The walk from a position
 * only depends on that position, so where a walk failed is kept: a later `<` whose walk reaches
 * one of those positions fails at once, and no part of the text is walked more than twice however
 * many `<` start there. Walks that find their `>` never overlap (the next tag starts after it).
 */
class TagEnds {
  private failed: Uint8Array | null = null;

  constructor(private readonly html: string) {}

  /** Where a walk at `i` goes next (past a whole quoted value); `i` itself at a `>`; -1 at an unclosed quote. */
  private step(i: number): number {
    const c = this.html[i]!;
    if (c === '>') return i;
    if (c !== '"' && c !== "'") return i + 1;
    const close = this.html.indexOf(c, i + 1);
    return close < 0 ? -1 : close + 1;
  }

  private walking(i: number): boolean {
    return i >= 0 && i < this.html.length && this.failed?.[i] !== 1;
  }

  /** Index of the `>` closing the attributes that start at `from`, or -1. */
  endFrom(from: number): number {
    for (let i = from; this.walking(i); ) {
      const next = this.step(i);
      if (next === i) return i;
      i = next;
    }
    this.failed ??= new Uint8Array(this.html.length + 1);
    for (let i = from; this.walking(i); i = this.step(i)) this.failed[i] = 1;
    return -1;
  }
}

/** Calls `onTag` for each tag of `html` (name, start, index after `>`); returns the text between, joined with what it answers. */
export function replaceTags(html: string, onTag: (name: string, start: number, end: number) => { text: string; end: number }): string {
  const ends = new TagEnds(html);
  let out = '';
  let i = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', Math.max(i, lt + 1))) {
    if (lt < i) continue;
    TAG_NAME.lastIndex = lt;
    const name = TAG_NAME.exec(html);
    const gt = name === null ? -1 : ends.endFrom(lt + name[0].length);
    if (name === null || gt < 0) continue;
    const replaced = onTag(name[1]!, lt, gt + 1);
    out += html.slice(i, lt) + replaced.text;
    i = replaced.end;
  }
  return out + html.slice(i);
}

