import { describe, expect, it } from 'vitest';
import { datePreview, settingsFormSchema, timeZoneChoices } from '../../src/content/settings-form.js';

const valid = {
  title: 'Blog',
  postsPerPage: '10',
  timeZone: 'UTC',
  dateFormat: 'January 2, 2006',
};

describe('settingsFormSchema', () => {
  it('when only the required fields are sent, then the rest are empty and the boxes unticked', () => {
    expect(settingsFormSchema.parse(valid)).toEqual({
      ...valid,
      description: '',
      author: '',
      baseUrl: '',
      postsPerPage: 10,
      showReadingTime: false,
      showAuthor: false,
      requireAdminTwoFactor: false,
    });
  });

  it.each([
    ['https://example.com/', 'https://example.com'],
    ['http://example.com/blog/', 'http://example.com/blog'],
    ['', ''],
  ])('when the base URL is "%s", then "%s" is stored', (baseUrl, stored) => {
    expect(settingsFormSchema.parse({ ...valid, baseUrl }).baseUrl).toBe(stored);
  });

  it.each(['https://user:pw@example.com', 'https://example.com/#top', '//example.com', 'mailto:a@b.c'])(
    'when the base URL is %s, then it is refused',
    (baseUrl) => {
      expect(settingsFormSchema.safeParse({ ...valid, baseUrl }).success).toBe(false);
    },
  );

  it.each(['1', '100', ' 7 '])('when posts per page is "%s", then it is accepted', (n) => {
    expect(settingsFormSchema.safeParse({ ...valid, postsPerPage: n }).success).toBe(true);
  });

  it.each(['Europe/Paris', 'America/Argentina/Buenos_Aires', 'UTC'])(
    'when the zone is %s, then it is accepted',
    (tz) => {
      expect(settingsFormSchema.parse({ ...valid, timeZone: tz }).timeZone).toBe(tz);
    },
  );

  it.each(['Europe/Atlantis', '+05:00', 'Europe/../UTC', ''])(
    'when the zone is "%s", then it is refused',
    (tz) => {
      expect(settingsFormSchema.safeParse({ ...valid, timeZone: tz }).success).toBe(false);
    },
  );

  it('when the date format is plain text, then it is refused; with any reference part, accepted', () => {
    expect(settingsFormSchema.safeParse({ ...valid, dateFormat: 'Today' }).success).toBe(false);
    expect(settingsFormSchema.safeParse({ ...valid, dateFormat: 'Posted in 2006' }).success).toBe(true);
  });
});

describe('datePreview', () => {
  it('when a format and zone are given, then the date reads in them', () => {
    expect(datePreview('2006-01-02 15:04', 'Asia/Tokyo', new Date('2024-03-01T23:30:00Z'))).toBe(
      '2024-03-02 08:30',
    );
  });

  it('when the zone is unknown, then there is no preview', () => {
    expect(datePreview('2006', 'Nowhere/Land', new Date())).toBeNull();
  });
});

describe('timeZoneChoices', () => {
  it('when listed, then UTC comes first and known zones follow', () => {
    const zones = timeZoneChoices('UTC');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('when the current choice is not a zone, then it is not offered', () => {
    expect(timeZoneChoices('Mars/Base')).not.toContain('Mars/Base');
  });
});
