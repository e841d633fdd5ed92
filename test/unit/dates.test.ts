import { describe, expect, it } from 'vitest';
import { formatDate, formatIsoDate, formatRfc822, isValidTimeZone } from '../../src/content/dates.js';

const LATE_EVENING = new Date('2024-04-25T23:30:05.120Z');

describe('formatDate', () => {
  it.each([
    { layout: 'January 2, 2006', zone: 'UTC', expected: 'April 25, 2024' },
    { layout: 'January 2, 2006', zone: 'America/New_York', expected: 'April 25, 2024' },
    { layout: 'January 2, 2006', zone: 'Asia/Tokyo', expected: 'April 26, 2024' },
    { layout: 'Jan 2, 2006', zone: 'UTC', expected: 'Apr 25, 2024' },
    { layout: '2006-01-02', zone: 'Asia/Tokyo', expected: '2024-04-26' },
    { layout: '02 Jan 2006', zone: 'UTC', expected: '25 Apr 2024' },
    { layout: 'Monday, January 2, 2006', zone: 'UTC', expected: 'Thursday, April 25, 2024' },
    { layout: 'Monday, January 2, 2006', zone: 'Asia/Tokyo', expected: 'Friday, April 26, 2024' },
    { layout: 'Mon Jan _2 15:04:05 2006', zone: 'America/New_York', expected: 'Thu Apr 25 19:30:05 2024' },
    { layout: '3:04 PM', zone: 'UTC', expected: '11:30 PM' },
    { layout: '03:04pm', zone: 'Asia/Tokyo', expected: '08:30am' },
    { layout: '1/2/06', zone: 'UTC', expected: '4/25/24' },
    { layout: '2006-01-02T15:04:05Z07:00', zone: 'UTC', expected: '2024-04-25T23:30:05Z' },
    { layout: '2006-01-02T15:04:05-07:00', zone: 'Asia/Kolkata', expected: '2024-04-26T05:00:05+05:30' },
    { layout: '15:04:05.000 -0700', zone: 'America/New_York', expected: '19:30:05.120 -0400' },
    { layout: '15:04:05.999', zone: 'UTC', expected: '23:30:05.12' },
    { layout: '002 __2', zone: 'UTC', expected: '116 116' },
    // Go reads only whole elements: "Janet" is text, "_2006" is "_" then the year.
    { layout: 'Janet _2006', zone: 'UTC', expected: 'Janet _2024' },
  ])('when the layout is "$layout" in $zone, then it reads "$expected"', ({ layout, zone, expected }) => {
    expect(formatDate(LATE_EVENING, layout, zone)).toBe(expected);
  });

  it('when the day is single-digit, then _2 pads with a space and 02 with a zero', () => {
    const date = new Date('2024-03-05T00:00:00Z');
    expect(formatDate(date, 'Jan _2|02|2', 'UTC')).toBe('Mar  5|05|5');
  });

  it('when it is midnight, then the 12-hour clock shows 12 AM', () => {
    expect(formatDate(new Date('2024-01-01T00:07:00Z'), '3:04 PM', 'UTC')).toBe('12:07 AM');
  });

  it('when no layout or zone is given, then it is "January 2, 2006" in UTC', () => {
    expect(formatDate(LATE_EVENING)).toBe('April 25, 2024');
  });

  it('when the time zone is unknown, then it throws a RangeError', () => {
    expect(() => formatDate(LATE_EVENING, 'January 2, 2006', 'Mars/Olympus')).toThrow(RangeError);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
  });
});

describe('formatIsoDate and formatRfc822', () => {
  it('when a date is formatted for machines, then ISO is RFC 3339 UTC with Z and RSS is RFC 822', () => {
    expect(formatIsoDate(LATE_EVENING)).toBe('2024-04-25T23:30:05Z');
    expect(formatRfc822(LATE_EVENING)).toBe('Thu, 25 Apr 2024 23:30:05 +0000');
  });
});
