/**
 * Dates as a Hugo site shows them: Go reference layouts ("January 2, 2006")
 * rendered in the site's IANA time zone, plus the fixed formats of feeds and
 * sitemaps.
 */
import { layoutChunks, type LayoutChunk } from './go-layout.js';

export const DEFAULT_DATE_LAYOUT = 'January 2, 2006';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface WallClock {
  year: number; month: number; day: number; hour: number; minute: number; second: number;
  weekday: number; yearDay: number; offsetMinutes: number; zoneName: string; millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', timeZoneName: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name this runtime knows (e.g. "Europe/Paris"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` by asking Intl: exact, and the slow part of formatting a date. */
function askIntl(date: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) parts[part.type] = part.value;
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const [hour, minute, second] = [Number(parts.hour), Number(parts.minute), Number(parts.second)];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((asUtc - (date.getTime() - date.getUTCMilliseconds())) / 60000);
  // Go prints the zone abbreviation; Intl knows few outside the US ("GMT+9").
  return fromOffset(date, offsetMinutes, isUtc(timeZone) ? 'UTC' : (parts.timeZoneName ?? ''));
}

const isUtc = (timeZone: string) => timeZone === 'UTC' || timeZone === 'Etc/UTC';

/** The wall clock `offsetMinutes` ahead of UTC, read off the shifted instant's UTC fields. */
function fromOffset(date: Date, offsetMinutes: number, zoneName: string): WallClock {
  const shifted = new Date(date.getTime() + offsetMinutes * 60000);
  const [year, month, day] = [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()];
  return {
    year, month, day,
    hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
    yearDay: (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86400000 + 1,
    offsetMinutes,
    zoneName,
  };
}

const DAY_MS = 86_400_000;
/** `zone|UTC day` → the zone's offset and name through that whole day, or null when it changes within it. */
const steadyDays = new Map<string, { offsetMinutes: number; zoneName: string } | null>();

/**
 * A zone's offset changes a few times a year at most, so within a UTC day whose first and last
 * instants have the same offset, every instant has it: Intl is asked twice per zone and day,
 * not once per date shown (an admin list shows dozens). Days with a change ask Intl every time.
 */
function wallClock(date: Date, timeZone: string): WallClock {
  if (isUtc(timeZone)) return fromOffset(date, 0, 'UTC');
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return askIntl(date, timeZone);
  const day = Math.floor(ms / DAY_MS);
  const key = `${timeZone}|${day}`;
  let steady = steadyDays.get(key);
  if (steady === undefined) {
    const first = askIntl(new Date(day * DAY_MS), timeZone);
    const last = askIntl(new Date((day + 1) * DAY_MS - 1000), timeZone);
    steady =
      first.offsetMinutes === last.offsetMinutes && first.zoneName === last.zoneName
        ? { offsetMinutes: first.offsetMinutes, zoneName: first.zoneName }
        : null;
    if (steadyDays.size >= 5000) steadyDays.clear();
    steadyDays.set(key, steady);
  }
  return steady ? fromOffset(date, steady.offsetMinutes, steady.zoneName) : askIntl(date, timeZone);
}

const monthName = (month: number): string => MONTHS[month - 1] ?? '';
const weekdayName = (weekday: number): string => WEEKDAYS[weekday] ?? '';
const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

function offset(minutes: number, colon: boolean, withSeconds: boolean, hoursOnly: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const [hh, mm] = [pad(Math.floor(abs / 60)), pad(abs % 60)];
  if (hoursOnly) return sign + hh;
  const sep = colon ? ':' : '';
  return sign + hh + sep + mm + (withSeconds ? sep + '00' : '');
}

function renderChunk(chunk: LayoutChunk, t: WallClock): string {
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  switch (chunk.kind) {
    case 'literal': return chunk.text;
    case 'longMonth': return monthName(t.month);
    case 'month': return monthName(t.month).slice(0, 3);
    case 'numMonth': return String(t.month);
    case 'zeroMonth': return pad(t.month);
    case 'longWeekDay': return weekdayName(t.weekday);
    case 'weekDay': return weekdayName(t.weekday).slice(0, 3);
    case 'day': return String(t.day);
    case 'underDay': return pad(t.day, 2, ' ');
    case 'zeroDay': return pad(t.day);
    case 'underYearDay': return pad(t.yearDay, 3, ' ');
    case 'zeroYearDay': return pad(t.yearDay, 3);
    case 'hour': return pad(t.hour);
    case 'hour12': return String(hour12);
    case 'zeroHour12': return pad(hour12);
    case 'minute': return String(t.minute);
    case 'zeroMinute': return pad(t.minute);
    case 'second': return String(t.second);
    case 'zeroSecond': return pad(t.second);
    case 'longYear': return pad(t.year, 4);
    case 'year': return pad(t.year % 100);
    case 'PM': return t.hour >= 12 ? 'PM' : 'AM';
    case 'pm': return t.hour >= 12 ? 'pm' : 'am';
    case 'tz': return t.zoneName;
    case 'fraction': {
      const digits = pad(t.millisecond, 3).padEnd(chunk.digits, '0').slice(0, chunk.digits);
      if (!chunk.trim) return chunk.separator + digits;
      const trimmed = digits.replace(/0+$/, '');
      return trimmed === '' ? '' : chunk.separator + trimmed;
    }
    case 'offset':
      if (chunk.zulu && t.offsetMinutes === 0) return 'Z';
      return offset(t.offsetMinutes, chunk.colon, chunk.seconds, chunk.hoursOnly);
  }
}

/**
 * Formats `date` with a Go reference layout (the one Hugo's `dateFormat` takes)
 * as the wall-clock time in `timeZone`. Throws RangeError for an unknown zone.
 */
export function formatDate(date: Date, layout: string = DEFAULT_DATE_LAYOUT, timeZone = 'UTC'): string {
  const t = wallClock(date, timeZone);
  return layoutChunks(layout).map((chunk) => renderChunk(chunk, t)).join('');
}

/** RFC 3339 in UTC, to the second: "2024-04-25T23:30:00Z" (sitemaps, JSON, <time datetime>). */
export function formatIsoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** RFC 822 (RFC 1123 style) in UTC, as Hugo's RSS template writes pubDate. */
export function formatRfc822(date: Date): string {
  return formatDate(date, 'Mon, 02 Jan 2006 15:04:05 -0700', 'UTC');
}
