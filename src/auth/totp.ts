/**
 * TOTP two-factor sign-in (RFC 6238 through otplib): secrets, otpauth URIs, QR codes, code checks
 * and one-time recovery codes. Nothing here touches the database.
 */
import crypto from 'node:crypto';
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

/** Seconds per code, as every authenticator app assumes. */
export const TOTP_PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code copied from paper must not be misread. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 10;

/** A new random secret (160 bits, base32), as the authenticator app stores it. */
export const newTotpSecret = (): string => generateSecret();

/** The secret in groups of four, easier to type into an app by hand. */
export const groupSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function otpauthUri(opts: { issuer: string; account: string; secret: string }): string {
  // A colon would split the label in two for some apps.
  const issuer = opts.issuer.replace(/:/g, ' ').trim() || 'Byline';
  return generateURI({ issuer, label: opts.account, secret: opts.secret });
}

/** The URI as an SVG QR code: plain markup (no script, no style attribute), 200 px square, named for screen readers. */
export async function qrSvg(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, width: 200, errorCorrectionLevel: 'M' });
  return svg.replace('<svg ', '<svg role="img" aria-label="QR code to scan with your authenticator app" ');
}

/**
 * What the person typed in a code field: a 6-digit TOTP code or a recovery code (spaces, hyphens
 * and case ignored), or null when it is neither.
 */
export type TypedCode = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

export function readCode(input: string): TypedCode | null {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  if (compact.length === RECOVERY_LENGTH && [...compact].every((c) => RECOVERY_ALPHABET.includes(c))) {
    return { kind: 'recovery', code: compact };
  }
  return null;
}

/**
 * The time step a 6-digit code belongs to when it is right at `now` (one step of drift allowed
 * either way) and later than `afterStep` (a code is never accepted twice); otherwise null.
 */
export function totpStep(
  secret: string,
  code: string,
  opts: { now: number; afterStep?: number | null },
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = verifySync({
      secret,
      token: code,
      epoch: Math.floor(opts.now / 1000),
      period: TOTP_PERIOD,
      epochTolerance: TOTP_PERIOD,
      ...(opts.afterStep != null ? { afterTimeStep: opts.afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // A secret otplib cannot read is treated as a wrong code, never as a server error.
    return null;
  }
}

/** Ten fresh recovery codes, shown as "abcde-fghjk". */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from(
      { length: RECOVERY_LENGTH },
      () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]!,
    );
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

/** What is stored for a recovery code: the sha256 of its compact form (50 random bits need no slow hash). */
export function hashRecoveryCode(code: string): string {
  const compact = code.replace(/[\s-]/g, '').toLowerCase();
  return crypto.createHash('sha256').update(compact).digest('hex');
}
