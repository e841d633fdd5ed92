/**
 * Splits a Go time layout ("Monday, January 2, 2006 15:04 MST") into literal
 * text and the reference-time elements, with the same precedence rules as Go's
 * time.Format (e.g. "Jan" is a month but "Janet" is text; "_2006" is "_" + year).
 */

type SimpleKind =
  | 'longMonth' | 'month' | 'numMonth' | 'zeroMonth' | 'longWeekDay' | 'weekDay'
  | 'day' | 'underDay' | 'zeroDay' | 'underYearDay' | 'zeroYearDay'
  | 'hour' | 'hour12' | 'zeroHour12' | 'minute' | 'zeroMinute' | 'second' | 'zeroSecond'
  | 'longYear' | 'year' | 'PM' | 'pm' | 'tz';

export type LayoutChunk =
  | { kind: 'literal'; text: string }
  | { kind: SimpleKind }
  | { kind: 'fraction'; separator: string; digits: number; trim: boolean }
  | { kind: 'offset'; zulu: boolean; colon: boolean; seconds: boolean; hoursOnly: boolean };

// "0x" elements, indexed by the digit after the zero.
const ZERO_KINDS: Record<string, SimpleKind> = {
  '1': 'zeroMonth', '2': 'zeroDay', '3': 'zeroHour12', '4': 'zeroMinute', '5': 'zeroSecond', '6': 'year',
};

// Longest first, as Go tries them.
const OFFSETS: Array<[string, { colon: boolean; seconds: boolean; hoursOnly: boolean }]> = [
  ['070000', { colon: false, seconds: true, hoursOnly: false }],
  ['07:00:00', { colon: true, seconds: true, hoursOnly: false }],
  ['0700', { colon: false, seconds: false, hoursOnly: false }],
  ['07:00', { colon: true, seconds: false, hoursOnly: false }],
  ['07', { colon: false, seconds: false, hoursOnly: true }],
];

const isLower = (ch: string | undefined): boolean => ch !== undefined && ch >= 'a' && ch <= 'z';
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** The element starting at `layout[i]`, with its length; undefined when it is plain text. */
function elementAt(layout: string, i: number): { chunk: LayoutChunk; length: number } | undefined {
  const rest = layout.slice(i);
  const simple = (kind: SimpleKind, length: number) => ({ chunk: { kind }, length });
  switch (rest[0]) {
    case 'J':
      if (rest.startsWith('January')) return simple('longMonth', 7);
      if (rest.startsWith('Jan') && !isLower(rest[3])) return simple('month', 3);
      return undefined;
    case 'M':
      if (rest.startsWith('Monday')) return simple('longWeekDay', 6);
      if (rest.startsWith('Mon') && !isLower(rest[3])) return simple('weekDay', 3);
      if (rest.startsWith('MST')) return simple('tz', 3);
      return undefined;
    case '0': {
      const zeroKind = ZERO_KINDS[rest[1] ?? ''];
      if (zeroKind !== undefined) return simple(zeroKind, 2);
      if (rest.startsWith('002')) return simple('zeroYearDay', 3);
      return undefined;
    }
    case '1':
      return rest[1] === '5' ? simple('hour', 2) : simple('numMonth', 1);
    case '2':
      return rest.startsWith('2006') ? simple('longYear', 4) : simple('day', 1);
    case '_':
      // "_2006" is a literal underscore followed by the year: handled at the "2".
      if (rest[1] === '2' && !rest.startsWith('_2006')) return simple('underDay', 2);
      if (rest.startsWith('__2')) return simple('underYearDay', 3);
      return undefined;
    case '3': return simple('hour12', 1);
    case '4': return simple('minute', 1);
    case '5': return simple('second', 1);
    case 'P': return rest[1] === 'M' ? simple('PM', 2) : undefined;
    case 'p': return rest[1] === 'm' ? simple('pm', 2) : undefined;
    case '-':
    case 'Z':
      for (const [pattern, shape] of OFFSETS) {
        if (rest.startsWith(pattern, 1)) {
          return { chunk: { kind: 'offset', zulu: rest[0] === 'Z', ...shape }, length: pattern.length + 1 };
        }
      }
      return undefined;
    case '.':
    case ',': {
      const digit = rest[1];
      if (digit !== '0' && digit !== '9') return undefined;
      let end = 1;
      while (rest[end] === digit) end++;
      // Only a run of one repeated digit not followed by another digit is a fraction.
      if (isDigit(rest[end])) return undefined;
      return { chunk: { kind: 'fraction', separator: rest[0], digits: end - 1, trim: digit === '9' }, length: end };
    }
    default:
      return undefined;
  }
}

/** Splits `layout` into literal text and reference-time elements, in order. */
export function layoutChunks(layout: string): LayoutChunk[] {
  const chunks: LayoutChunk[] = [];
  let text = '';
  for (let i = 0; i < layout.length; ) {
    const element = elementAt(layout, i);
    if (element === undefined) {
      text += layout[i];
      i++;
      continue;
    }
    if (text !== '') chunks.push({ kind: 'literal', text });
    text = '';
    chunks.push(element.chunk);
    i += element.length;
  }
  if (text !== '') chunks.push({ kind: 'literal', text });
  return chunks;
}
