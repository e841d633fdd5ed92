import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { PageCache } from './cache/page-cache.js';
import { createDb } from './db.js';
import { EnvError, loadDotEnv, parseEnv } from './env.js';
import { importSampleContent } from './import/sample-content.js';
import { applyPendingMigrations } from './migrate.js';
import { backupBeforeMigrations } from './backup/before-migrations.js';
import { countPosts } from './models/posts.js';
import { loadSessionSecret } from './secrets.js';
import { ensureFirstAdmin } from './auth/first-admin.js';

async function main() {
  loadDotEnv();
  const env = parseEnv();
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  const sessionSecret = loadSessionSecret(env);
  const applied = await applyPendingMigrations(env.DATABASE_URL, {
    beforeApply: async (pending) => {
      const archive = await backupBeforeMigrations(env, pending);
      if (archive) console.log(`Backed up the database before migrating: ${archive}`);
    },
  });
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
  // A page in memory is sent before Express handles the request at all (docs/decisions/009-page-cache.md).
  const cache = app.locals.pageCache as PageCache | null;
  let closing = false;
  // Answers not yet sent when a signal comes close their connection: a kept-alive connection
  // would otherwise hold the exit up for its idle timeout (5 s).
  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
    if (!cache?.serveFromMemory(req, res)) app(req, res);
  });
  server.once('error', (err) => {
    console.error(`Cannot listen on ${env.HOST}:${env.PORT}: ${err.message}`);
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    console.log(`Byline is serving ${env.DATABASE_URL} at http://${env.HOST}:${port}/`);
  });

  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => {
      console.error(`${signal}: requests still in flight after 10 s; stopping without them.`);
      process.exit(1);
    }, 10_000).unref();
    server.close(() => {
      db.$disconnect()
        .catch((err: unknown) => console.error(err))
        .finally(() => {
          clearTimeout(force);
          process.exit(0);
        });
    });
    server.closeIdleConnections();
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    // Printed once the listener is closed: from here on, new connections are refused.
    console.log(`${signal}: no longer accepting connections; finishing ${unanswered.size} request(s) in flight, then closing the database.`);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
