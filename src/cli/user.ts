import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { passwordSchema } from '../auth/password.js';
import { isRoleName, ROLES } from '../auth/policy.js';
import type { Db } from '../db.js';
import { recordAudit } from '../models/audit.js';
import { disableTwoFactor, getTwoFactor } from '../models/two-factor.js';
import {
  addUser,
  clearFailedLogins,
  endSessions,
  findUserByEmail,
  listUsers,
  setPassword,
} from '../models/users.js';
import { runCli } from './run.js';

const USAGE = `Usage:
  npm run user -- create --email <email> --role <role> [--name <name>] [--password <password>]
  npm run user -- reset-password --email <email> [--password <password>]
  npm run user -- disable-2fa <email>
  npm run user -- list

Roles: ${ROLES.join(', ')}. Passwords: 10 to 72 bytes; without --password one is generated and printed once.
disable-2fa turns off two-factor sign-in for someone who lost their phone and their recovery codes.`;

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes, which of them it needs, and which one may also come as a plain argument. */
const COMMANDS: Record<string, { allowed: string[]; required: string[]; positional?: 'email' }> = {
  create: { allowed: ['email', 'role', 'name', 'password'], required: ['email', 'role'] },
  'reset-password': { allowed: ['email', 'password'], required: ['email'] },
  'disable-2fa': { allowed: ['email'], required: ['email'], positional: 'email' },
  list: { allowed: [], required: [] },
};

type Options = { email?: string; role?: string; name?: string; password?: string };

/** The command and its options, or null when the command line is not a valid use. */
function parseCommand(args: string[]): { command: string; options: Options } | 'help' | null {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch {
    return null;
  }
  if (parsed.values.help) return 'help';
  const [command, ...rest] = parsed.positionals;
  const spec = command ? COMMANDS[command] : undefined;
  if (!spec) return null;
  const { help: _help, ...values }: Options & { help?: boolean } = parsed.values;
  const options: Options = values;
  if (spec.positional && rest.length === 1 && options[spec.positional] === undefined) {
    options[spec.positional] = rest.shift();
  }
  if (rest.length > 0) return null;
  const given = Object.keys(options);
  if (given.some((k) => !spec.allowed.includes(k)) || spec.required.some((k) => !given.includes(k)))
    return null;
  return { command: command!, options };
}

/** The password given, checked, or a generated one (printed once by the caller). */
function passwordFrom(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) return { password: crypto.randomBytes(15).toString('base64url'), generated: true };
  const checked = passwordSchema.safeParse(given);
  if (!checked.success) throw new Error(`Weak or invalid password: ${checked.error.issues[0]?.message}`);
  return { password: given, generated: false };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function run(db: Db, command: string, o: Options): Promise<void> {
  if (command === 'list') {
    const users = await listUsers(db);
    const rows = users.map((u) => [u.email, u.name, u.role, u.active ? 'yes' : 'no']);
    console.log(table([['EMAIL', 'NAME', 'ROLE', 'ACTIVE'], ...rows]));
    return;
  }
  const email = o.email!;
  if (command === 'create') {
    if (!z.email().safeParse(email.trim()).success) throw new Error(`Not an email address: ${email}`);
    if (!isRoleName(o.role!)) throw new Error(`Unknown role "${o.role}". Roles: ${ROLES.join(', ')}.`);
    if ((o.name?.trim().length ?? 0) > 100) throw new Error('The name is too long: 100 characters at most.');
    const { password, generated } = passwordFrom(o.password);
    const user = await addUser(db, { email, name: o.name?.trim(), role: o.role, password });
    if (!user) throw new Error(`A user with the email ${email} already exists.`);
    console.log(`Created ${user.role} ${user.email}.`);
    if (generated) console.log(`Password (shown only now): ${password}`);
    return;
  }
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`No user with the email ${email}.`);
  if (command === 'disable-2fa') return disableTwoFactorOf(db, user);
  const { password, generated } = passwordFrom(o.password);
  await setPassword(db, user.id, password);
  await endSessions(db, user.id);
  await clearFailedLogins(db, user.id);
  console.log(
    `Password reset for ${user.email}; their sessions have ended.${user.active ? '' : ' (The account is deactivated.)'}`,
  );
  if (generated) console.log(`Password (shown only now): ${password}`);
}

/** For an owner locked out: two-factor off, the sign-in back-off forgotten, and an audit entry saying so. */
async function disableTwoFactorOf(db: Db, user: { id: number; email: string }): Promise<void> {
  const twoFactor = await getTwoFactor(db, user.id);
  await clearFailedLogins(db, user.id);
  if (!twoFactor?.enabled) {
    console.log(`Two-factor sign-in was not on for ${user.email}; nothing to do.`);
    return;
  }
  await disableTwoFactor(db, user.id);
  await recordAudit(db, {
    actor: null,
    action: 'auth.2fa-disabled',
    target: `user:${user.id}`,
    summary: `Turned off two-factor sign-in for ${user.email} from the command line`,
  });
  console.log(
    `Two-factor sign-in is off for ${user.email}; they sign in with their password alone and can set it up again.`,
  );
}

const parsedArgs = parseCommand(process.argv.slice(2));
if (parsedArgs === 'help') {
  console.log(USAGE);
} else {
  /** Exit status: 0 done, 1 refused (unknown user, invalid role, weak password…) or failed, 2 bad usage. */
  runCli(
    async ({ db }) => {
      await run(db, parsedArgs!.command, parsedArgs!.options);
      return 0;
    },
    { usage: () => (parsedArgs ? null : USAGE) },
  );
}
