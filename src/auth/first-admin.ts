import crypto from 'node:crypto';
import type { Db } from '../db.js';
import { countUsers, createUser } from '../models/users.js';

/**
 * On an empty database, creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD, or with a
 * generated password that is printed once. Returns what it did, for the start-up log.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
): Promise<{ email: string; generatedPassword?: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const email = env.ADMIN_EMAIL ?? 'admin@example.com';
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : crypto.randomBytes(12).toString('base64url');
  await createUser(db, { email, name: 'Administrator', role: 'administrator', password: env.ADMIN_PASSWORD ?? generatedPassword });
  return { email, generatedPassword };
}
