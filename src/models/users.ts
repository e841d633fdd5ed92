import crypto from 'node:crypto';
import type { Db } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import { afterFailure, DEFAULT_BACKOFF, type BackoffPolicy, type BackoffState } from '../auth/backoff.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import type { Role } from '../auth/policy.js';
import { dateOf, readerOf } from './sqlite-reader.js';

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  createdAt: true,
} as const;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findUserForLogin(db: Db, email: string) {
  return db.user.findUnique({ where: { email: normalizeEmail(email) } });
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: string;
  active: boolean;
  createdAt: Date;
  totpEnabledAt: Date | null;
}

/** A SessionUser as the statement returns it: dates as stored (only active users are asked for). */
interface SessionUserRow extends Omit<SessionUser, 'active' | 'createdAt' | 'totpEnabledAt'> {
  createdAt: string;
  totpEnabledAt: string | null;
}

/**
 * The signed-in user for a session, if they still exist and are active (with whether two-factor is
 * on). Every admin request asks this, so it is a kept prepared statement (src/models/sqlite-reader.ts).
 */
export async function getActiveUser(db: Db, id: number): Promise<SessionUser | null> {
  const row = readerOf(db).get<SessionUserRow>(
    'SELECT id, email, name, role, createdAt, totpEnabledAt FROM User WHERE id = ? AND active = 1',
    [id],
  );
  if (!row) return null;
  return { ...row, active: true, createdAt: dateOf(row.createdAt), totpEnabledAt: dateOf(row.totpEnabledAt) };
}

export async function listUsers(db: Db) {
  return db.user.findMany({ orderBy: [{ active: 'desc' }, { email: 'asc' }], select: publicFields });
}

export async function countUsers(db: Db): Promise<number> {
  return db.user.count();
}

export async function createUser(
  db: Db,
  input: { email: string; name?: string; role: Role; password?: string },
) {
  const passwordHash = input.password ? await hashPassword(input.password) : '!';
  return db.user.create({
    data: { email: normalizeEmail(input.email), name: input.name ?? '', role: input.role, passwordHash },
    select: publicFields,
  });
}

export async function setPassword(db: Db, userId: number, password: string): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), resetTokenHash: null, resetTokenExpiry: null },
  });
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** A one-time set-password token (returned once; only its hash is stored), valid for `hours`. */
export async function issueSetPasswordToken(db: Db, userId: number, hours = 72): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.user.update({
    where: { id: userId },
    data: { resetTokenHash: sha256(token), resetTokenExpiry: new Date(Date.now() + hours * 3_600_000) },
  });
  return token;
}

export async function findUserBySetPasswordToken(db: Db, token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  return db.user.findFirst({
    where: { resetTokenHash: sha256(token), resetTokenExpiry: { gt: new Date() }, active: true },
    select: publicFields,
  });
}

export async function updateUser(db: Db, id: number, data: { name?: string; role?: Role; active?: boolean }) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id }, data, select: publicFields });
    // A deactivated user's sessions end at once.
    if (data.active === false) await tx.session.deleteMany({ where: { userId: id } });
    return user;
  });
}

export async function countActiveAdmins(db: Db): Promise<number> {
  return db.user.count({ where: { role: 'administrator', active: true } });
}

/** Ends every session of a user except, optionally, the current one. */
export async function endSessions(db: Db, userId: number, exceptSid?: string): Promise<void> {
  await db.session.deleteMany({ where: { userId, ...(exceptSid ? { sid: { not: exceptSid } } : {}) } });
}

export async function getUser(db: Db, id: number) {
  return db.user.findUnique({ where: { id }, select: publicFields });
}

export async function findUserByEmail(db: Db, email: string) {
  return db.user.findUnique({ where: { email: normalizeEmail(email) }, select: publicFields });
}

/** Whether `password` is this user's current password (false for an unknown or password-less user). */
export async function checkUserPassword(db: Db, id: number, password: string): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id }, select: { passwordHash: true } });
  return verifyPassword(password, row?.passwordHash ?? null);
}

/**
 * Sets a password through a one-time token: valid, unexpired and for an active user, it is used up
 * in the same statement, so two requests racing with one token cannot both succeed.
 * Returns the user's id, or null when the token does not work.
 */
export async function redeemSetPasswordToken(
  db: Db,
  token: string,
  password: string,
): Promise<number | null> {
  const user = await findUserBySetPasswordToken(db, token);
  if (!user) return null;
  const passwordHash = await hashPassword(password);
  const { count } = await db.user.updateMany({
    where: { id: user.id, resetTokenHash: sha256(token), resetTokenExpiry: { gt: new Date() }, active: true },
    data: { passwordHash, resetTokenHash: null, resetTokenExpiry: null },
  });
  return count === 1 ? user.id : null;
}

export class LastAdminError extends Error {
  constructor() {
    super('At least one active administrator must remain.');
  }
}

/**
 * Like updateUser, but refuses (LastAdminError, nothing changed) when the change would leave no
 * active administrator; the check runs inside the same transaction as the change.
 */
export async function updateUserKeepingAnAdmin(
  db: Db,
  id: number,
  data: { name?: string; role?: Role; active?: boolean },
) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id }, data, select: publicFields });
    if ((await tx.user.count({ where: { role: 'administrator', active: true } })) === 0)
      throw new LastAdminError();
    if (data.active === false) await tx.session.deleteMany({ where: { userId: id } });
    return user;
  });
}

/** createUser, or null when the email is already taken (also when another request took it first). */
export async function addUser(
  db: Db,
  input: { email: string; name?: string; role: Role; password?: string },
) {
  if (await findUserByEmail(db, input.email)) return null;
  try {
    return await createUser(db, input);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') return null;
    throw err;
  }
}

/**
 * Counts one more failed sign-in (a wrong password or a wrong second-factor code) for an account,
 * and blocks it as the back-off policy says; read and written in one transaction.
 */
export async function recordFailedLogin(
  db: Db,
  userId: number,
  now: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): Promise<BackoffState> {
  return db.$transaction(async (tx) => {
    const row = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { failedLogins: true, loginBlockedUntil: true },
    });
    const next = afterFailure(
      { failures: row.failedLogins, blockedUntil: row.loginBlockedUntil },
      now,
      policy,
    );
    await tx.user.update({
      where: { id: userId },
      data: { failedLogins: next.failures, loginBlockedUntil: next.blockedUntil },
    });
    return next;
  });
}

/** Ends an account's streak of failed sign-ins (after a full sign-in, or by the owner from the shell). */
export async function clearFailedLogins(db: Db, userId: number): Promise<void> {
  await db.user.updateMany({
    where: { id: userId, OR: [{ failedLogins: { not: 0 } }, { loginBlockedUntil: { not: null } }] },
    data: { failedLogins: 0, loginBlockedUntil: null },
  });
}
