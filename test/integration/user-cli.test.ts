import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const root = path.resolve(import.meta.dirname, '../..');
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The real CLI in a child process, with a clean environment: vitest's own variables (BASE_URL=/
 * among them) would not pass our env schema.
 */
function user(...args: string[]): Promise<Run> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: t.url,
    DATA_DIR: t.dir,
    NODE_ENV: 'test',
  };
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli/user.ts', ...args], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const hashOf = async (email: string) =>
  (await t.db.user.findUniqueOrThrow({ where: { email } })).passwordHash;

describe('npm run user', () => {
  it('when create is given a password, then the user exists with that password and role', async () => {
    const run = await user(
      'create',
      '--email',
      'Writer@Example.com',
      '--role',
      'author',
      '--name',
      'A Writer',
      '--password',
      'writer passphrase',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Created author writer@example.com');
    expect(run.stdout).not.toContain('writer passphrase');
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'writer@example.com' } });
    expect([row.name, row.role, row.active]).toEqual(['A Writer', 'author', true]);
    expect(await verifyPassword('writer passphrase', row.passwordHash)).toBe(true);
  });

  it('when create has no password, then one is generated, printed once and works', async () => {
    const run = await user('create', '--email', 'boss@example.com', '--role', 'administrator');
    expect(run.code).toBe(0);
    const password = run.stdout.match(/Password \(shown only now\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    expect(await verifyPassword(password!, await hashOf('boss@example.com'))).toBe(true);
  });

  it('when list runs, then it prints a table of email, name, role and active', async () => {
    const run = await user('list');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+ACTIVE$/);
    expect(lines.some((l) => /^writer@example\.com\s+A Writer\s+author\s+yes$/.test(l))).toBe(true);
    expect(lines.some((l) => /^boss@example\.com\s+administrator\s+yes$/.test(l))).toBe(true);
  });

  it('when reset-password runs, then the new password works, the old one does not and their sessions end', async () => {
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'writer@example.com' } });
    await t.db.session.create({
      data: {
        sid: 'writer-session',
        data: '{}',
        expiresAt: new Date(Date.now() + 3_600_000),
        userId: row.id,
      },
    });
    const run = await user('reset-password', '--email', 'WRITER@example.com');
    expect(run.code).toBe(0);
    const password = run.stdout.match(/Password \(shown only now\): (\S+)/)?.[1];
    const hash = await hashOf('writer@example.com');
    expect(await verifyPassword(password!, hash)).toBe(true);
    expect(await verifyPassword('writer passphrase', hash)).toBe(false);
    expect(await t.db.session.count({ where: { userId: row.id } })).toBe(0);
  });

  it('when reset-password is given a password, then that password works and a sign-in block is lifted', async () => {
    await t.db.user.update({
      where: { email: 'boss@example.com' },
      data: { failedLogins: 9, loginBlockedUntil: new Date(Date.now() + 600_000) },
    });
    const run = await user(
      'reset-password',
      '--email',
      'boss@example.com',
      '--password',
      'chosen passphrase',
    );
    expect(run.code).toBe(0);
    expect(await verifyPassword('chosen passphrase', await hashOf('boss@example.com'))).toBe(true);
    const row = await t.db.user.findUniqueOrThrow({ where: { email: 'boss@example.com' } });
    expect([row.failedLogins, row.loginBlockedUntil]).toEqual([0, null]);
  });

  it.each([
    [['reset-password', '--email', 'nobody@example.com'], /No user with the email nobody@example\.com/],
    [['create', '--email', 'x@example.com', '--role', 'overlord'], /Unknown role "overlord"/],
    [
      ['create', '--email', 'y@example.com', '--role', 'editor', '--password', 'short'],
      /Weak or invalid password/,
    ],
    [['create', '--email', 'not-an-email', '--role', 'editor'], /Not an email address/],
    [['create', '--email', 'boss@example.com', '--role', 'editor'], /already exists/],
  ])('when %j is refused, then it exits 1 with a message', async (args, message) => {
    const run = await user(...args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(await t.db.user.findUnique({ where: { email: 'y@example.com' } })).toBeNull();
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['create', '--role', 'editor']],
    [['list', '--email', 'a@example.com']],
    [['create', '--email']],
    [['list', 'extra']],
    [['disable-2fa']],
    [['disable-2fa', 'a@example.com', 'b@example.com']],
    [['disable-2fa', 'a@example.com', '--email', 'b@example.com']],
  ])('when the command line is %j, then it prints the usage and exits 2', async (args) => {
    const run = await user(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });

  describe('disable-2fa', () => {
    async function withTwoFactor(email: string) {
      await user('create', '--email', email, '--role', 'administrator', '--password', 'owner passphrase');
      return t.db.user.update({
        where: { email },
        data: {
          totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          totpEnabledAt: new Date(),
          recoveryCodesJson: JSON.stringify(['a'.repeat(64)]),
          failedLogins: 12,
          loginBlockedUntil: new Date(Date.now() + 600_000),
        },
      });
    }

    it('when an owner is locked out, then disable-2fa <email> turns two-factor off, lifts the block and records it', async () => {
      const row = await withTwoFactor('owner@example.com');
      const run = await user('disable-2fa', 'Owner@Example.com');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Two-factor sign-in is off for owner@example.com');
      const after = await t.db.user.findUniqueOrThrow({ where: { id: row.id } });
      expect([after.totpSecret, after.totpEnabledAt, after.recoveryCodesJson]).toEqual([null, null, '[]']);
      expect([after.failedLogins, after.loginBlockedUntil]).toEqual([0, null]);
      expect(await verifyPassword('owner passphrase', after.passwordHash)).toBe(true);
      const entries = await t.db.auditEntry.findMany({
        where: { action: 'auth.2fa-disabled', target: `user:${row.id}` },
      });
      expect(entries).toHaveLength(1);
      expect(entries[0]!.summary).toContain('from the command line');
    });

    it('when --email is used instead, then it works the same way', async () => {
      await withTwoFactor('second-owner@example.com');
      const run = await user('disable-2fa', '--email', 'second-owner@example.com');
      expect(run.code).toBe(0);
      expect(
        (await t.db.user.findUniqueOrThrow({ where: { email: 'second-owner@example.com' } })).totpSecret,
      ).toBeNull();
    });

    it('when two-factor was not on, then it says so and exits 0', async () => {
      const run = await user('disable-2fa', 'writer@example.com');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('was not on for writer@example.com');
    });

    it('when the email is unknown, then it exits 1 naming it', async () => {
      const run = await user('disable-2fa', 'ghost@example.com');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/No user with the email ghost@example\.com/);
    });
  });
});
