import type { Db } from '../db.js';
import { claimTotpStep, lastTotpStep, useRecoveryCode } from '../models/two-factor.js';
import { hashRecoveryCode, totpStep, type TypedCode } from './totp.js';

/** How a second factor was proved: a code from the app, or a recovery code (with how many are left). */
export type SecondFactor = { via: 'totp' } | { via: 'recovery'; left: number };

/**
 * Checks a typed code against a user's second factor at `now`. A right TOTP code is accepted once
 * (its time step is claimed); a right recovery code is used up. Null when the code does not work.
 */
export async function checkSecondFactor(
  db: Db,
  user: { id: number; totpSecret: string | null },
  typed: TypedCode,
  now: number,
): Promise<SecondFactor | null> {
  if (!user.totpSecret) return null;
  if (typed.kind === 'totp') {
    const step = totpStep(user.totpSecret, typed.code, { now, afterStep: await lastTotpStep(db, user.id) });
    return step !== null && (await claimTotpStep(db, user.id, step)) ? { via: 'totp' } : null;
  }
  const left = await useRecoveryCode(db, user.id, hashRecoveryCode(typed.code));
  return left === null ? null : { via: 'recovery', left };
}
