/**
 * Front-matter dates as Hugo reads them: the layouts its date parser tries (RFC 3339 and the
 * looser ISO forms, RFC 1123/822/850, Go's Time.String(), ANSIC, Unix and Ruby dates, "02 Jan 2006"),
 * and TOML dates. A date with no zone is in the site's `timeZone` (UTC when unset); a zone
 * abbreviation other than UTC/GMT counts as UTC, as Go's parser does when it does not know it.
 */
import { zonedToUtc, type Wall } from './zoned-time.js';

/** The date and time as written, before any zone is applied: what permalinks (`:year`…) use. */
export type WallClock = Wall;

export interface WrittenDate {
  instant: Date;
  wall: WallClock;
}

interface Fields extends WallClock {
  ms: number;
  /** Minutes east of UTC; null when the text names no zone. */
  offset: number | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MON = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const NAME = '([a-z]{1,5})';
const NUMERIC = '([+-]\\d{2}(?::?\\d{2})?)';

function offsetOf(zone: string | undefined): number | null {
  if (zone === undefined) return null;
  if (/^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0);
    return zone.startsWith('-') ? -minutes : minutes;
  }
  // "Z", "UTC", "GMT" and abbreviations Go does not know are all read as UTC.
  return 0;
}

const num = (s: string | undefined) => Number(s ?? 0);
const month = (s: string | undefined) => MONTHS.indexOf((s ?? '').toLowerCase()) + 1;
/** Two-digit years as Go reads them: 69–99 are 19xx, 00–68 are 20xx. */
const year2 = (s: string | undefined) => (num(s) >= 69 ? 1900 : 2000) + num(s);

type Reader = [RegExp, (m: RegExpExecArray) => Fields];

const READERS: Reader[] = [
  // 2006-01-02, 2006-01-02T15:04:05Z07:00 (fractions, no seconds, a space for the T, -0700 offsets,
  // and Go's Time.String() "2006-01-02 15:04:05.999 -0700 MST").
  [
    new RegExp(
      `^(\\d{4})-(\\d{2})-(\\d{2})(?:[t ](\\d{2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?[ \\t]*(z|${NUMERIC.slice(1, -1)})?(?:[ \\t]+${NAME})?)?$`,
      'i',
    ),
    (m) => ({
      year: num(m[1]), month: num(m[2]), day: num(m[3]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]),
      ms: Math.round(Number(m[7] ?? 0) * 1000),
      offset: offsetOf(m[8] ?? m[9]),
    }),
  ],
  // RFC 1123 and 1123Z: "Mon, 02 Jan 2006 15:04:05 MST" / "… -0700".
  [
    new RegExp(`^${DAY}, (\\d{2}) ${MON} (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?:${NUMERIC}|${NAME})$`, 'i'),
    (m) => ({ year: num(m[3]), month: month(m[2]), day: num(m[1]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]), ms: 0, offset: offsetOf(m[7] ?? m[8]) }),
  ],
  // RFC 822 and 822Z: "02 Jan 06 15:04 MST" / "… -0700".
  [
    new RegExp(`^(\\d{2}) ${MON} (\\d{2}) (\\d{2}):(\\d{2}) (?:${NUMERIC}|${NAME})$`, 'i'),
    (m) => ({ year: year2(m[3]), month: month(m[2]), day: num(m[1]), hour: num(m[4]), minute: num(m[5]), second: 0, ms: 0, offset: offsetOf(m[6] ?? m[7]) }),
  ],
  // RFC 850: "Monday, 02-Jan-06 15:04:05 MST".
  [
    new RegExp(`^${LONG_DAY}, (\\d{2})-${MON}-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) ${NAME}$`, 'i'),
    (m) => ({ year: year2(m[3]), month: month(m[2]), day: num(m[1]), hour: num(m[4]), minute: num(m[5]), second: num(m[6]), ms: 0, offset: offsetOf(m[7]) }),
  ],
  // ANSIC "Mon Jan _2 15:04:05 2006", Unix "Mon Jan _2 15:04:05 MST 2006", Ruby "Mon Jan 02 15:04:05 -0700 2006".
  [
    new RegExp(`^${DAY} ${MON} +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (?:(?:${NUMERIC}|${NAME}) )?(\\d{4})$`, 'i'),
    (m) => ({ year: num(m[8]), month: month(m[1]), day: num(m[2]), hour: num(m[3]), minute: num(m[4]), second: num(m[5]), ms: 0, offset: offsetOf(m[6] ?? m[7]) }),
  ],
  // "02 Jan 2006".
  [
    new RegExp(`^(\\d{2}) ${MON} (\\d{4})$`, 'i'),
    (m) => ({ year: num(m[3]), month: month(m[2]), day: num(m[1]), hour: 0, minute: 0, second: 0, ms: 0, offset: null }),
  ],
];

function isReal(f: Fields): boolean {
  const d = new Date(Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second));
  return (
    d.getUTCFullYear() === f.year && d.getUTCMonth() === f.month - 1 && d.getUTCDate() === f.day &&
    d.getUTCHours() === f.hour && d.getUTCMinutes() === f.minute && d.getUTCSeconds() === f.second
  );
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function instantOf(f: Fields, timeZone: string | undefined): Date | null {
  const local = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.ms);
  if (f.offset !== null) return new Date(local - f.offset * 60_000);
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') return new Date(local);
  const text = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
  const zoned = zonedToUtc(text, timeZone);
  return zoned ? new Date(zoned.getTime() + f.ms) : null;
}

/** Text Hugo would read as a date, with the instant it means and the wall clock it shows. */
export function readHugoDate(value: unknown, timeZone?: string): WrittenDate | null {
  let text: string;
  if (value instanceof Date) {
    const toml = value as Date & { isTime?: () => boolean };
    if (toml.isTime?.() === true || Number.isNaN(value.getTime())) return null;
    // A TOML date prints itself as written (offset kept, or none for a local date); a plain Date is UTC.
    text = toml.isTime ? value.toISOString() : value.toISOString().replace(/Z$/, '+00:00');
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  for (const [pattern, read] of READERS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const f = read(m);
    if (!isReal(f)) return null;
    const instant = instantOf(f, timeZone);
    if (!instant) return null;
    const { year, month, day, hour, minute, second } = f;
    return { instant, wall: { year, month, day, hour, minute, second } };
  }
  return null;
}

/** Hugo's date forms as an instant; without a zone the time is UTC, a date alone is midnight UTC. */
export function parseHugoDate(value: unknown, timeZone?: string): Date | null {
  return readHugoDate(value, timeZone)?.instant ?? null;
}
