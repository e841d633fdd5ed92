/**
 * Two-factor sign-in data: the TOTP secret, the hashes of unused recovery codes, and the last
 * time step used (docs/decisions/013-sign-in-back-off-and-two-factor.md).
 */
import type { Db } from '../db.js';

/** A user's second factor as sign-in checks it: the secret and the hashes of unused recovery codes. */
export async function getTwoFactor(db: Db, userId: number) {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      active: true,
      totpSecret: true,
      totpEnabledAt: true,
      recoveryCodesJson: true,
      failedLogins: true,
      loginBlockedUntil: true,
    },
  });
  if (!row) return null;
  const { recoveryCodesJson, ...rest } = row;
  return {
    ...rest,
    enabled: Boolean(row.totpSecret && row.totpEnabledAt),
    recoveryHashes: parseHashes(recoveryCodesJson),
  };
}

function parseHashes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/** Turns two-factor on with a confirmed secret; false (nothing changed) when it was already on. */
export async function enableTwoFactor(
  db: Db,
  userId: number,
  input: { secret: string; recoveryHashes: string[]; now?: Date },
): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, totpSecret: null },
    data: {
      totpSecret: input.secret,
      totpEnabledAt: input.now ?? new Date(),
      recoveryCodesJson: JSON.stringify(input.recoveryHashes),
    },
  });
  return count === 1;
}

/** Turns two-factor off: the secret and every recovery code are forgotten. */
export async function disableTwoFactor(db: Db, userId: number): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodesJson: '[]' },
  });
}

/**
 * Uses up one recovery code (given by its hash). The list is replaced only if nobody changed it
 * since it was read, so two requests racing with one code cannot both succeed. Returns how many
 * codes are left, or null when the code is not (or no longer) there.
 */
export async function useRecoveryCode(db: Db, userId: number, hash: string): Promise<number | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { recoveryCodesJson: true } });
  if (!row) return null;
  const hashes = parseHashes(row.recoveryCodesJson);
  if (!hashes.includes(hash)) return null;
  const left = hashes.filter((h) => h !== hash);
  const { count } = await db.user.updateMany({
    where: { id: userId, recoveryCodesJson: row.recoveryCodesJson, totpSecret: { not: null } },
    data: { recoveryCodesJson: JSON.stringify(left) },
  });
  return count === 1 ? left.length : null;
}

/** The last TOTP time step `userId` was let in with (a code from it or before it is refused). */
export async function lastTotpStep(db: Db, userId: number): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpLastStep: true } });
  return user?.totpLastStep ?? null;
}

/**
 * Marks a step used; false when it (or a later one) already was. One conditional UPDATE, so two
 * requests with the same code cannot both claim it, and a restart forgets nothing.
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const { count } = await db.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}
