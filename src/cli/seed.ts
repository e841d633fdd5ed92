import { createDb } from '../db.js';
import { EnvError, loadDotEnv, parseEnv } from '../env.js';
import { importSampleContent, sampleContentDir } from '../import/sample-content.js';
import { applyPendingMigrations } from '../migrate.js';

/** Imports the sample content (prisma/sample-content) into the database; re-running updates it in place. */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  const applied = await applyPendingMigrations(env.DATABASE_URL);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(env.DATABASE_URL);
  try {
    console.log(`Seeding ${env.DATABASE_URL} from ${sampleContentDir}`);
    const report = await importSampleContent(db, (line) => console.log(line));
    return report.failed > 0 ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
