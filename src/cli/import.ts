import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../db.js';
import { EnvError, loadDotEnv, parseEnv } from '../env.js';
import { importHugoSite } from '../import/import-site.js';
import { applyPendingMigrations } from '../migrate.js';
import { savePost } from '../models/posts.js';

const USAGE = 'Usage: npm run import -- <hugo site directory>';

/** Exit status: 0 when every file was understood, 1 when some were skipped or on error, 2 on bad usage. */
async function main(args: string[]): Promise<number> {
  if (!args[0]) {
    console.error(USAGE);
    return 2;
  }
  // `npm run` moves to the package folder; INIT_CWD is where the user typed the command.
  const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`No such directory: ${dir}`);
    return 1;
  }
  loadDotEnv();
  const env = parseEnv();
  const applied = await applyPendingMigrations(env.DATABASE_URL);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(env.DATABASE_URL);
  try {
    const now = new Date();
    const log = (line: string) => console.log(line);
    const report = await importHugoSite(dir, { savePost: (input) => savePost(db, input, now), log, now });
    return report.failed > 0 ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
