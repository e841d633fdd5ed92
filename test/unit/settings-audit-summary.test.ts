import { describe, expect, it } from 'vitest';
import { settingsChangeSummary } from '../../src/content/settings-form.js';
import type { SiteSettings } from '../../src/models/settings.js';

const before: SiteSettings = {
  title: 'Byline',
  description: '',
  author: '',
  baseUrl: '',
  postsPerPage: 10,
  timeZone: 'UTC',
  dateFormat: 'January 2, 2006',
  showAuthor: false,
  showReadingTime: true,
  requireAdminTwoFactor: false,
};

describe('settingsChangeSummary', () => {
  it('when nothing changed, then there is nothing to record', () => {
    expect(settingsChangeSummary(before, { ...before })).toBeNull();
  });

  it('when fields changed, then they are named, with switches said on or off', () => {
    expect(
      settingsChangeSummary(before, {
        ...before,
        title: 'New',
        timeZone: 'Europe/Paris',
        requireAdminTwoFactor: true,
      }),
    ).toBe('Changed site title, time zone, require two-factor sign-in for administrators on');
  });
});
