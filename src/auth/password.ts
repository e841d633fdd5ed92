import bcrypt from 'bcrypt';
import { z } from 'zod';

/** bcrypt's cost; 12 takes ~250 ms here, slow enough to make guessing expensive. */
export const BCRYPT_COST = 12;

/** 10–72 bytes: bcrypt ignores anything past 72 bytes, so longer is refused rather than cut. */
export const passwordSchema = z
  .string()
  .refine((p) => Buffer.byteLength(p, 'utf8') >= 10, 'Use at least 10 characters.')
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 72, 'Use at most 72 bytes (bcrypt ignores the rest).');

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** A hash of a random password, compared against when the email is unknown, so timing tells nothing. */
const decoy = bcrypt.hash('decoy-password-never-used', BCRYPT_COST);

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > 72) return false;
  if (!hash) {
    await bcrypt.compare(password, await decoy);
    return false;
  }
  return bcrypt.compare(password, hash);
}
