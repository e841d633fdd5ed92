import { describe, expect, it } from 'vitest';
import {
  addUserSchema,
  changePasswordSchema,
  fieldErrors,
  formValues,
  ownAccountRefusal,
  setPasswordSchema,
} from '../../src/content/user-forms.js';

const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);

describe('user forms', () => {
  it('when a new user is valid, then email and name are trimmed', () => {
    const parsed = addUserSchema.parse({ email: ' a@example.com ', name: ' Ann ', role: 'editor' });
    expect(parsed).toEqual({ email: 'a@example.com', name: 'Ann', role: 'editor' });
  });

  it('when the email and role are wrong, then each field has its message', () => {
    const errors = errorsOf(addUserSchema.safeParse({ email: 'nope', name: '', role: 'root' }));
    expect(Object.keys(errors).sort()).toEqual(['email', 'role']);
  });

  it('when the two new passwords differ, then the message is on confirmPassword', () => {
    const errors = errorsOf(
      setPasswordSchema.safeParse({ newPassword: 'long enough one', confirmPassword: 'long enough two' }),
    );
    expect(errors).toEqual({ confirmPassword: 'The two passwords are not the same.' });
  });

  it('when the new password is over 72 bytes, then it is refused rather than cut', () => {
    const long = 'é'.repeat(37);
    const errors = errorsOf(
      changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: long, confirmPassword: long }),
    );
    expect(errors.newPassword).toMatch(/72 bytes/);
  });

  it('when a form field is missing or not text, then it reads as empty', () => {
    expect(formValues({ name: ['a', 'b'], role: 'author' }, ['name', 'role', 'email'] as const)).toEqual({
      name: '',
      role: 'author',
      email: '',
    });
  });

  it('when an administrator changes their own account, then only deactivation and demotion are refused', () => {
    expect(ownAccountRefusal(1, 1, { active: false })).toMatch(/own account/);
    expect(ownAccountRefusal(1, 1, { role: 'editor' })).toMatch(/own administrator role/);
    expect(ownAccountRefusal(1, 1, { role: 'administrator' })).toBeNull();
    expect(ownAccountRefusal(1, 2, { active: false })).toBeNull();
  });
});
