import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseHugoDate, readHugoDate } from '../../src/content/hugo-dates.js';

describe('readHugoDate: the forms Hugo reads', () => {
  it.each([
    ['a date', '2024-04-25', '2024-04-25T00:00:00.000Z'],
    ['RFC 3339', '2024-04-25T10:00:00+02:00', '2024-04-25T08:00:00.000Z'],
    ['RFC 3339 with fractions', '2024-04-25T10:00:00.125Z', '2024-04-25T10:00:00.125Z'],
    ['a space for the T, no zone', '2024-04-25 10:00:00', '2024-04-25T10:00:00.000Z'],
    ['an offset without a colon', '2024-04-25T10:00:00-0700', '2024-04-25T17:00:00.000Z'],
    ["Go's Time.String()", '2024-04-25 10:00:00.5 -0700 MST', '2024-04-25T17:00:00.500Z'],
    ['a space before the offset', '2024-04-25 10:00:00 +01:00', '2024-04-25T09:00:00.000Z'],
    ['RFC 1123', 'Thu, 25 Apr 2024 10:00:00 GMT', '2024-04-25T10:00:00.000Z'],
    ['RFC 1123 with an offset', 'Thu, 25 Apr 2024 10:00:00 +0200', '2024-04-25T08:00:00.000Z'],
    ['RFC 822', '25 Apr 24 10:00 UTC', '2024-04-25T10:00:00.000Z'],
    ['RFC 850', 'Thursday, 25-Apr-24 10:00:00 UTC', '2024-04-25T10:00:00.000Z'],
    ['ANSI C', 'Thu Apr  5 10:00:00 2024', '2024-04-05T10:00:00.000Z'],
    ['a Ruby date', 'Thu Apr 25 10:00:00 -0700 2024', '2024-04-25T17:00:00.000Z'],
    ['day month year', '25 Apr 2024', '2024-04-25T00:00:00.000Z'],
  ])('when the date is %s, then it is read', (_name, text, iso) => {
    expect(parseHugoDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['not a date', 'yesterday'],
    ['a time alone', '10:00PM'],
    ['an impossible day', '2024-02-30'],
    ['a number', 20240425],
  ])('when given %s, then it is not a date', (_name, value) => {
    expect(parseHugoDate(value)).toBeNull();
  });

  it('when a date has an offset, then the wall clock is the one written', () => {
    expect(readHugoDate('2024-03-01T01:00:00+02:00')?.wall).toEqual({
      year: 2024,
      month: 3,
      day: 1,
      hour: 1,
      minute: 0,
      second: 0,
    });
  });

  it('when the site has a time zone, then a date without one is in it, and one with an offset keeps it', () => {
    expect(parseHugoDate('2024-01-10 09:00:00', 'Europe/Paris')?.toISOString()).toBe(
      '2024-01-10T08:00:00.000Z',
    );
    expect(parseHugoDate('2024-07-10', 'Europe/Paris')?.toISOString()).toBe('2024-07-09T22:00:00.000Z');
    expect(parseHugoDate('2024-07-10T09:00:00Z', 'Europe/Paris')?.toISOString()).toBe(
      '2024-07-10T09:00:00.000Z',
    );
  });

  it("when TOML holds dates, then local ones take the site's zone and offset ones their own", () => {
    const toml = parseToml(
      'a = 2024-04-25\nb = 2024-04-25T10:00:00\nc = 2024-04-25T10:00:00-07:00\nd = 10:00:00\n',
    );
    expect(parseHugoDate(toml.a, 'Europe/Paris')?.toISOString()).toBe('2024-04-24T22:00:00.000Z');
    expect(parseHugoDate(toml.b)?.toISOString()).toBe('2024-04-25T10:00:00.000Z');
    expect(readHugoDate(toml.c)?.wall.hour).toBe(10);
    expect(parseHugoDate(toml.c)?.toISOString()).toBe('2024-04-25T17:00:00.000Z');
    expect(parseHugoDate(toml.d)).toBeNull();
  });
});
