import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createDb } from './db.js';
import { EnvError, loadDotEnv, parseEnv } from './env.js';
import { importSampleContent } from './import/sample-content.js';
import { applyPendingMigrations } from './migrate.js';
import { countPosts } from './models/posts.js';
import { loadSessionSecret } from './secrets.js';
import { ensureFirstAdmin } from './auth/first-admin.js';

async function main() {
  loadDotEnv();
  const env = parseEnv();
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  const sessionSecret = loadSessionSecret(env);
  const applied = await applyPendingMigrations(env.DATABASE_URL);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const db = createDb(env.DATABASE_URL);

  if (env.SAMPLE_CONTENT && (await countPosts(db)) === 0) {
    const report = await importSampleContent(db, () => {});
    console.log(`Empty database: imported ${report.imported} sample posts and pages (SAMPLE_CONTENT=false to skip).`);
  }

  const admin = await ensureFirstAdmin(db, env);
  if (admin?.generatedPassword) {
    console.log(`Created the first administrator: ${admin.email} with password ${admin.generatedPassword}`);
    console.log('This password is shown once. Sign in at /admin/ and change it under Account.');
  } else if (admin) {
    console.log(`Created the first administrator: ${admin.email} (password from ADMIN_PASSWORD).`);
  }

  const app = createApp({ db, env, sessionSecret });
  const server = app.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Byline is serving ${env.DATABASE_URL} at http://${env.HOST}:${port}/`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close(async () => {
      await db.$disconnect();
      clearTimeout(force);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
