/** Helpers that build the hostile corpus's texts to a given size. */

export interface HostileInput {
  name: string;
  /** `markdown`: a post's body (every path); `file`: a whole Hugo file (import and export). */
  kind: 'markdown' | 'file';
  make(chars: number): string;
}

/** `unit` repeated to `chars` characters (the last copy cut short). */
export function fill(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/** `unit` repeated whole, as many times as fit in `chars` (at least once): for text inside a frame. */
export function units(unit: string, chars: number): string {
  return unit.repeat(Math.max(1, Math.floor(chars / unit.length)));
}

/** `unit(i)` for i = 0, 1, … joined until `chars` characters are reached. */
export function numbered(unit: (i: number) => string, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** `open` n times, `middle`, then `close` n times, n as large as `chars` allows. */
export function nested(open: string, middle: string, close: string, chars: number): string {
  const n = Math.max(1, Math.floor((chars - middle.length) / (open.length + close.length)));
  return open.repeat(n) + middle + close.repeat(n);
}

export const markdownInput = (name: string, make: (chars: number) => string): HostileInput => ({
  name,
  kind: 'markdown',
  make,
});

export const fileInput = (name: string, make: (chars: number) => string): HostileInput => ({ name, kind: 'file', make });

