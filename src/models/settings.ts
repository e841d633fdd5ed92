import type { Db } from '../db.js';

export interface SiteSettings {
  title: string;
  description: string;
  author: string;
  baseUrl: string;
  postsPerPage: number;
  timeZone: string;
  dateFormat: string;
  showAuthor: boolean;
  showReadingTime: boolean;
  /** Administrators must turn on two-factor sign-in before they can use the admin. */
  requireAdminTwoFactor: boolean;
}

/** The site's settings row, made with defaults the first time it is read. */
export async function getSettings(db: Db): Promise<SiteSettings> {
  // Read first: the upsert (a transaction) only runs once, on a database that has no settings row yet.
  const row =
    (await db.setting.findUnique({ where: { id: 1 } })) ??
    (await db.setting.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} }));
  const { id: _id, ...settings } = row;
  return settings;
}

export async function updateSettings(db: Db, data: Partial<SiteSettings>): Promise<SiteSettings> {
  await getSettings(db);
  const { id: _id, ...settings } = await db.setting.update({ where: { id: 1 }, data });
  return settings;
}
