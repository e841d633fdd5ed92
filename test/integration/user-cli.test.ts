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

  it('when reset-password is given a password, then that password works', async () => {
    const run = await user(
      'reset-password',
      '--email',
      'boss@example.com',
      '--password',
      'chosen passphrase',
    );
    expect(run.code).toBe(0);
    expect(await verifyPassword('chosen passphrase', await hashOf('boss@example.com'))).toBe(true);
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
  ])('when the command line is %j, then it prints the usage and exits 2', async (args) => {
    const run = await user(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage:');
  });
});
