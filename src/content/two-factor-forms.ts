import { z } from 'zod';
import { readCode, type TypedCode } from '../auth/totp.js';

/** The forms of two-factor sign-in: one schema each. Messages are per field. */

const ENTER_CODE = 'Enter the 6-digit code from your app, or a recovery code.';

/** A 6-digit code or a recovery code (spaces, hyphens and case ignored). */
const anyCode = z
  .string()
  .trim()
  .min(1, ENTER_CODE)
  .max(100, 'That code is too long.')
  .transform((value, ctx): TypedCode => {
    const typed = readCode(value);
    if (typed) return typed;
    ctx.addIssue({
      code: 'custom',
      message: 'A code is 6 digits; a recovery code is 10 letters and digits, like abcde-23456.',
    });
    return z.NEVER;
  });

/** The second step of sign-in. */
export const signInCodeSchema = z.object({ code: anyCode });

/** Confirming the app during set-up: only a code from the app proves it was set up right. */
export const setupCodeSchema = z.object({
  code: z
    .string()
    .max(100, 'That code is too long.')
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter the 6-digit code your app shows.')
        .regex(/^\d{6}$/, 'Enter the 6 digits your app shows.'),
    ),
});

/** Turning two-factor off: the password and a current code (or a recovery code, for a lost phone). */
export const disableTwoFactorSchema = z.object({
  twoFactorPassword: z.string().min(1, 'Enter your password.').max(1000, 'That password is too long.'),
  twoFactorCode: anyCode,
});
