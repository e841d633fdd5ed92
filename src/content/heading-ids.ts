/**
 * Heading ids as Hugo's goldmark renderer makes them with the default
 * `autoHeadingIDType: github`, so links to `/posts/x/#some-heading` keep working.
 */

const LETTER_DIGIT_UNDERSCORE = /[\p{L}\p{Nd}_]/u;

/**
 * Returns the GitHub-style anchor for `text`: letters, digits and `_` lowercased,
 * each space, tab or `-` becomes `-` (runs are not collapsed), everything else
 * is dropped.
 */
export function anchorize(text: string): string {
  let id = '';
  for (const ch of text) {
    if (ch === ' ' || ch === '\t' || ch === '-') id += '-';
    // One rune in, one rune out, like Go's unicode.ToLower ("İ" → "i", not "i̇").
    else if (LETTER_DIGIT_UNDERSCORE.test(ch)) id += [...ch.toLowerCase()][0];
  }
  return id;
}

/** Hands out unique ids in document order: a repeat gets `-1`, `-2`, … as goldmark does. */
export function createIdFactory(): { generate(text: string): string; reserve(id: string): void } {
  const used = new Set<string>();
  // Per base, the suffix to try next: every smaller one is taken, and ids are never given back,
  // so the thousandth "## a" does not walk past the 999 before it (each suffix is tried once).
  const nextSuffix = new Map<string, number>();
  return {
    generate(text: string): string {
      const base = anchorize(text) || 'heading';
      let n = nextSuffix.get(base) ?? 0;
      let id = n === 0 ? base : `${base}-${n}`;
      while (used.has(id)) id = `${base}-${++n}`;
      nextSuffix.set(base, n + 1);
      used.add(id);
      return id;
    },
    // Ids written by hand ({#id}) are taken as they are and block later automatic ones.
    reserve(id: string): void {
      used.add(id);
    },
  };
}
