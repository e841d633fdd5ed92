import fs from 'node:fs';
import path from 'node:path';
import { createDb } from '../db.js';
import { EnvError, loadDotEnv, parseEnv } from '../env.js';
import { exportSite } from '../import/export-site.js';
import { applyPendingMigrations } from '../migrate.js';
import { listPostsForExport } from '../models/posts.js';

const USAGE = 'Usage: npm run export -- <directory>   (writes <directory>/content/posts/*.md and pages)';

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
  await applyPendingMigrations(env.DATABASE_URL);
  const db = createDb(env.DATABASE_URL);
  try {
    const count = await exportSite(dir, await listPostsForExport(db));
    console.log(`Exported ${count} posts and pages to ${path.join(dir, 'content')}.`);
    return 0;
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
