import fs from 'node:fs';
import path from 'node:path';
import { createDb, type Db } from '../db.js';
import { EnvError, loadDotEnv, parseEnv, type Env } from '../env.js';
import { applyPendingMigrations } from '../migrate.js';

/**
 * The frame every command-line tool shares: read the environment, migrate, open the database,
 * run, disconnect, and turn the result into an exit status (errors print their message, exit 1).
 */
export function runCli(
  main: (ctx: { db: Db; env: Env; args: string[] }) => Promise<number>,
  opts: { usage?: (args: string[]) => string | null } = {},
): void {
  const args = process.argv.slice(2);
  const run = async (): Promise<number> => {
    const usage = opts.usage?.(args);
    if (usage) {
      console.error(usage);
      return 2;
    }
    loadDotEnv();
    const env = parseEnv();
    const applied = await applyPendingMigrations(env.DATABASE_URL);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    const db = createDb(env.DATABASE_URL);
    try {
      return await main({ db, env, args });
    } finally {
      await db.$disconnect();
    }
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}

/** A directory argument, relative to where the user typed the command (`npm run` moves to the package). */
export function dirArgument(arg: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
}

export function isDirectory(dir: string): boolean {
  return fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
