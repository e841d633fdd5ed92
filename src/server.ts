import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { applyServerLimits } from './http/limits.js';
import type { PageCache } from './cache/page-cache.js';
import { createDb } from './db.js';
import { EnvError, loadDotEnv, parseEnv } from './env.js';
import { importSampleContent } from './import/sample-content.js';
import { applyPendingMigrations } from './migrate.js';
import { backupBeforeMigrations } from './backup/before-migrations.js';
import { countPosts } from './models/posts.js';
import { loadSessionSecret } from './secrets.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { assignRequestId } from './http/request-id.js';
import { cachedHitLog } from './http/request-log.js';
import { createLogger } from './log.js';

async function main() {
  loadDotEnv();
  const env = parseEnv();
  const logger = createLogger({ level: env.LOG_LEVEL });
  fs.mkdirSync(env.DATA_DIR, { recursive: true });
  const sessionSecret = loadSessionSecret(env);
  const applied = await applyPendingMigrations(env.DATABASE_URL, {
    beforeApply: async (pending) => {
      const archive = await backupBeforeMigrations(env, pending);
      if (archive) logger.info({ archive }, 'Backed up the database before migrating');
    },
  });
  if (applied.length > 0) logger.info({ migrations: applied }, 'Applied migrations');
  const db = createDb(env.DATABASE_URL);

  if (env.SAMPLE_CONTENT && (await countPosts(db)) === 0) {
    const report = await importSampleContent(db, () => {});
    logger.info({ imported: report.imported }, 'Empty database: imported the sample posts and pages (SAMPLE_CONTENT=false to skip)');
  }

  const admin = await ensureFirstAdmin(db, env);
  if (admin) {
    const passwordFrom = admin.generatedPassword ? 'generated' : 'ADMIN_PASSWORD';
    logger.info({ email: admin.email, passwordFrom }, 'Created the first administrator');
  }
  if (admin?.generatedPassword) {
    // For the person starting Byline, once, in plain text; never in a log line.
    console.log(`Created the first administrator: ${admin.email} with password ${admin.generatedPassword}`);
    console.log('This password is shown once. Sign in at /admin/ and change it under Account.');
  }

  const app = createApp({ db, env, sessionSecret, logger });
  // A page in memory is sent before Express handles the request at all (docs/decisions/009-page-cache.md).
  const cache = app.locals.pageCache as PageCache | null;
  // Such hits get a request id and a log line only at LOG_LEVEL=debug: both cost throughput (ADR 014).
  const logHit = cachedHitLog(logger);
  let closing = false;
  // Answers not yet sent when a signal comes close their connection: a kept-alive connection
  // would otherwise hold the exit up for its idle timeout (65 s).
  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
    if (logHit) assignRequestId(req, res);
    if (cache?.serveFromMemory(req, res)) logHit?.(req, res);
    else app(req, res);
  });
  // Slow or idle clients are cut off (docs/decisions/012-security-headers.md).
  applyServerLimits(server);
  server.once('error', (err) => {
    logger.fatal({ err }, `Cannot listen on ${env.HOST}:${env.PORT}`);
    process.exit(1);
  });
  server.listen(env.PORT, env.HOST, () => {
    const { port } = server.address() as AddressInfo;
    const url = `http://${env.HOST}:${port}/`;
    logger.info({ url, database: env.DATABASE_URL }, 'Listening');
    // The line people and scripts wait for, plain as well: no log formatter is installed.
    console.log(`Byline is serving ${env.DATABASE_URL} at ${url}`);
  });

  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => {
      logger.error({ signal }, `${signal}: requests still in flight after 10 s; stopping without them.`);
      process.exit(1);
    }, 10_000).unref();
    server.close(() => {
      db.$disconnect()
        .catch((err: unknown) => logger.error({ err }, 'Closing the database failed'))
        .finally(() => {
          clearTimeout(force);
          process.exit(0);
        });
    });
    server.closeIdleConnections();
    for (const res of unanswered) if (!res.headersSent) res.setHeader('Connection', 'close');
    // Printed once the listener is closed: from here on, new connections are refused.
    logger.info(
      { signal, inFlight: unanswered.size },
      `${signal}: no longer accepting connections; finishing ${unanswered.size} request(s) in flight, then closing the database.`,
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // A bad environment is a message for a person (LOG_LEVEL may be what is wrong); the rest is logged.
  if (err instanceof EnvError) console.error(err.message);
  else createLogger().fatal({ err }, 'Byline could not start');
  process.exit(1);
});
