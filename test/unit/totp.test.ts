import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  groupSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrSvg,
  readCode,
  totpStep,
} from '../../src/auth/totp.js';
import {
  disableTwoFactorSchema,
  setupCodeSchema,
  signInCodeSchema,
} from '../../src/content/two-factor-forms.js';
import { fieldErrors } from '../../src/content/user-forms.js';

const secret = newTotpSecret();
const NOW = Date.UTC(2026, 5, 1, 12, 0, 10);
const codeAt = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
const stepAt = (ms: number) => Math.floor(ms / 1000 / 30);

describe('totpStep', () => {
  it('when the code is the current one, then its time step is returned', () => {
    expect(totpStep(secret, codeAt(NOW), { now: NOW })).toBe(stepAt(NOW));
  });

  it('when the code is one step old or one step ahead, then it is still accepted', () => {
    expect(totpStep(secret, codeAt(NOW - 30_000), { now: NOW })).toBe(stepAt(NOW) - 1);
    expect(totpStep(secret, codeAt(NOW + 30_000), { now: NOW })).toBe(stepAt(NOW) + 1);
  });

  it('when the code is two steps away, then it is refused', () => {
    expect(totpStep(secret, codeAt(NOW - 60_000), { now: NOW })).toBeNull();
    expect(totpStep(secret, codeAt(NOW + 60_000), { now: NOW })).toBeNull();
  });

  it('when the code’s step was already used, then it is refused, and a later one is not', () => {
    expect(totpStep(secret, codeAt(NOW), { now: NOW, afterStep: stepAt(NOW) })).toBeNull();
    expect(totpStep(secret, codeAt(NOW + 30_000), { now: NOW, afterStep: stepAt(NOW) })).toBe(
      stepAt(NOW) + 1,
    );
  });

  it('when the code is not 6 digits or the secret is broken, then it is refused without throwing', () => {
    expect(totpStep(secret, '12345', { now: NOW })).toBeNull();
    expect(totpStep(secret, 'abcdef', { now: NOW })).toBeNull();
    expect(totpStep('not base32!', '123456', { now: NOW })).toBeNull();
  });
});

describe('recovery codes', () => {
  it('when ten are made, then they are distinct, readable "xxxxx-xxxxx" codes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('when a code is typed in capitals, with spaces or without its hyphen, then it hashes the same', () => {
    const [code] = newRecoveryCodes(1);
    const hash = hashRecoveryCode(code!);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!.toUpperCase().replace('-', ' '))).toBe(hash);
    expect(hashRecoveryCode(code!.replace('-', ''))).toBe(hash);
  });
});

describe('readCode', () => {
  it.each([
    ['123456', { kind: 'totp', code: '123456' }],
    [' 123 456 ', { kind: 'totp', code: '123456' }],
    ['ABCDE-23456', { kind: 'recovery', code: 'abcde23456' }],
    ['abcde 23456', { kind: 'recovery', code: 'abcde23456' }],
  ])('when "%s" is typed, then it reads as %o', (input, expected) => {
    expect(readCode(input)).toEqual(expected);
  });

  it.each(['12345', '1234567', 'abcde-2345l', 'abcde-23450', '', 'x'.repeat(50)])(
    'when "%s" is typed, then it is neither kind of code',
    (input) => {
      expect(readCode(input)).toBeNull();
    },
  );
});

describe('the two-factor forms', () => {
  it('when the sign-in code is empty or malformed, then the message is on the code field', () => {
    expect(fieldErrors(signInCodeSchema.safeParse({ code: '' }).error!)).toEqual({
      code: 'Enter the 6-digit code from your app, or a recovery code.',
    });
    expect(fieldErrors(signInCodeSchema.safeParse({ code: '12ab' }).error!).code).toMatch(/6 digits/);
  });

  it('when the set-up code has letters, then it is refused; spaces are ignored', () => {
    expect(setupCodeSchema.safeParse({ code: 'abcde-23456' }).success).toBe(false);
    expect(setupCodeSchema.parse({ code: '123 456' })).toEqual({ code: '123456' });
  });

  it('when turning off is sent empty, then both fields have a message', () => {
    const errors = fieldErrors(
      disableTwoFactorSchema.safeParse({ twoFactorPassword: '', twoFactorCode: '' }).error!,
    );
    expect(Object.keys(errors).sort()).toEqual(['twoFactorCode', 'twoFactorPassword']);
  });
});

describe('set-up', () => {
  it('when the secret is shown, then it is grouped by four for typing', () => {
    expect(groupSecret('ABCDEFGHIJKLMNOP')).toBe('ABCD EFGH IJKL MNOP');
  });

  it('when the URI is made, then it names the site and the account, and a colon in the title cannot split the label', () => {
    const uri = otpauthUri({ issuer: 'My: Blog', account: 'ada@example.com', secret: 'JBSWY3DPEHPK3PXP' });
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(decodeURIComponent(uri)).toContain('My  Blog:ada@example.com');
  });

  it('when the QR code is drawn, then it is plain SVG: a name, no script, no style, no event handler', async () => {
    const svg = await qrSvg('otpauth://totp/Blog:ada%40example.com?secret=JBSWY3DPEHPK3PXP');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="[^"]+"/);
    expect(svg).not.toMatch(/<script|style=|<style|\son\w+=|href=/i);
  });
});
