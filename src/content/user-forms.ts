import { z } from 'zod';
import { passwordSchema } from '../auth/password.js';
import { ROLES } from '../auth/policy.js';

/** The forms of the users, account and set-password pages: one schema each. */

const name = z.string().trim().max(100, 'Use at most 100 characters.');
const role = z.enum(ROLES, 'Choose one of the roles in the list.');

export const addUserSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address.')
    .max(254, 'That email is too long.')
    .pipe(z.email('Enter an email address such as name@example.com.')),
  name,
  role,
});

export const roleSchema = z.object({ role });

export const accountNameSchema = z.object({ name: name.min(1, 'Enter your name.') });

/** New password twice; the second must match the first. */
const newPasswordFields = {
  newPassword: passwordSchema,
  confirmPassword: z.string().max(1000, 'That password is too long.'),
};
const matching = (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword;
const mismatch = { message: 'The two passwords are not the same.', path: ['confirmPassword'] };

export const setPasswordSchema = z.object(newPasswordFields).refine(matching, mismatch);

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, 'Enter your current password.')
      .max(1000, 'That password is too long.'),
    ...newPasswordFields,
  })
  .refine(matching, mismatch);

export { fieldErrors } from './form-errors.js';

/** What the user typed into text fields, as strings, to show back in a re-rendered form (never passwords). */
export function formValues<K extends string>(body: unknown, keys: readonly K[]): Record<K, string> {
  const source = (body ?? {}) as Record<string, unknown>;
  const pick = (k: K) => (typeof source[k] === 'string' ? (source[k] as string) : '');
  return Object.fromEntries(keys.map((k) => [k, pick(k)])) as Record<K, string>;
}

/** Why an administrator may not make this change to their own account (null when they may). */
export function ownAccountRefusal(
  actorId: number,
  targetId: number,
  change: { role?: string; active?: boolean },
): string | null {
  if (actorId !== targetId) return null;
  if (change.active === false) return 'You cannot deactivate your own account. Ask another administrator.';
  if (change.role && change.role !== 'administrator') {
    return 'You cannot remove your own administrator role. Ask another administrator.';
  }
  return null;
}
