import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/content/dates.js';

const formats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (timeZone: string) =>
  formats.get(timeZone) ??
  formats
    .set(timeZone, new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }))
    .get(timeZone)!;

/** What Intl itself says the wall clock is, written in the layout below. */
function intlWallClock(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia', 'UTC'];

describe('dates in a time zone, on days the clocks change', () => {
  it('when dates fall through a year and every 13 minutes around each change, then each reads as Intl reads it', () => {
    const start = Date.UTC(2024, 0, 1);
    const mismatches: string[] = [];
    for (const zone of ZONES) {
      // Two sweeps: about every 5 hours all year, then every 13 minutes through the days around each change.
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 5 * 3_600_000 + 7 * 60_000) {
        const date = new Date(ms);
        const shown = formatDate(date, '2006-01-02 15:04:05', zone);
        if (shown !== intlWallClock(date, zone)) mismatches.push(`${zone} ${date.toISOString()}: ${shown}`);
      }
      for (const day of ['2024-03-10', '2024-03-31', '2024-04-07', '2024-10-06', '2024-10-27', '2024-11-03']) {
        const from = Date.parse(`${day}T00:00:00Z`) - 43_200_000;
        for (let ms = from; ms < from + 2 * 86_400_000; ms += 13 * 60_000) {
          const date = new Date(ms);
          const shown = formatDate(date, '2006-01-02 15:04:05', zone);
          if (shown !== intlWallClock(date, zone)) mismatches.push(`${zone} ${date.toISOString()}: ${shown}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('when the offset is written, then it is the one in force at that instant', () => {
    expect(formatDate(new Date('2024-03-10T06:59:00Z'), '15:04 -0700', 'America/New_York')).toBe('01:59 -0500');
    expect(formatDate(new Date('2024-03-10T07:00:00Z'), '15:04 -0700', 'America/New_York')).toBe('03:00 -0400');
    expect(formatDate(new Date('2024-04-06T14:59:00Z'), '15:04 -07:00', 'Australia/Lord_Howe')).toBe('01:59 +11:00');
    expect(formatDate(new Date('2024-04-06T15:00:00Z'), '15:04 -07:00', 'Australia/Lord_Howe')).toBe('01:30 +10:30');
  });
});
