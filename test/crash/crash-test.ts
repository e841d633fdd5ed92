/**
 * `npm run test:crash`: starts the production server, signs in, sends a burst of post saves
 * through the editor form (8 in flight), kills the server with SIGKILL at a random moment, checks
 * the database file, restarts on the same DATA_DIR, and does it again: 20 rounds.
 * A round passes when PRAGMA integrity_check is ok and every save answered with its 303 is stored
 * exactly as sent. Exit status 0 only when every round passes. Method: docs/decisions/011-durability.md.
 *
 * CRASH_ROUNDS, CRASH_WORKERS and CRASH_SEED change the defaults (20, 8, random) to investigate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQLITE_PRAGMAS } from '../../src/models/sqlite-pragmas.js';
import { Browser } from './browser.js';
import { runBurst, seededRandom } from './burst.js';
import { Ledger } from './ledger.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer } from './server-process.js';
import { verifyDatabase } from './verify.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const WORKERS = Number(process.env.CRASH_WORKERS ?? 8);
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILL_AFTER_MS = [50, 800] as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const started = performance.now();
  const rnd = seededRandom(SEED);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-crash-'));
  const dbFile = path.join(dataDir, 'blog.db');
  const ledger = new Ledger();
  let passed = 0;
  let acknowledged = 0;
  let lastOutput = '';
  console.log(`Crash test: ${ROUNDS} rounds, ${WORKERS} saves in flight, seed ${SEED}, DATA_DIR ${dataDir}`);
  console.log(`SQLite: ${SQLITE_PRAGMAS.filter((p) => /^(journal_mode|synchronous)/.test(p)).join(', ')}`);

  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startServer(dataDir);
    const browser = new Browser(server.origin);
    await browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    ledger.startRound();

    let killed = false;
    const killAfter = Math.round(KILL_AFTER_MS[0] + rnd() * (KILL_AFTER_MS[1] - KILL_AFTER_MS[0]));
    let burstOver = false;
    const burst = runBurst(browser, ledger, { round, workers: WORKERS, rnd, isKilled: () => killed }).finally(
      () => (burstOver = true),
    );
    // The clock starts at the first acknowledged save, so that every kill lands mid-burst (a cold
    // server takes a moment for its first save) and every round has saves to look for.
    while (ledger.acknowledged.length === 0 && !burstOver) await sleep(2);
    await sleep(killAfter);
    killed = true;
    await server.killHard();
    const stats = await burst;
    lastOutput = server.output();
    const walBytes = fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0;

    const verdict = verifyDatabase(dbFile, ledger);
    const problems = [...stats.unexpected, ...verdict.problems];
    const ok = verdict.integrity === 'ok' && problems.length === 0;
    if (ok) passed++;
    acknowledged += stats.created + stats.edited;
    console.log(
      `round ${String(round).padStart(2)}/${ROUNDS}: killed ${String(killAfter).padStart(3)} ms after the first save · ` +
        `${stats.created + stats.edited} saves acknowledged (${stats.created} new, ${stats.edited} edits) · ` +
        `${verdict.storedUnanswered} unanswered stored · missing ${verdict.missing} · ` +
        `integrity ${verdict.integrity} (${verdict.journalMode}, log ${(walBytes / 1e6).toFixed(1)} MB) · ${ok ? 'pass' : 'FAIL'}`,
    );
    for (const problem of problems.slice(0, 20)) console.log(`    ${problem}`);
  }

  // After the last kill the server must still start, sign in and show the last acknowledged edit.
  const server = await startServer(dataDir);
  const browser = new Browser(server.origin);
  await browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  const health = await browser.request('GET', '/healthz');
  const sample = [...ledger.posts.values()].slice(-20);
  let shown = 0;
  for (const post of sample) {
    const action = `/admin/posts/${post.id}/edit`;
    const fields = await browser.formOf(action, action);
    if (fields.version === String(post.state.version) && fields.title === post.state.title) shown++;
  }
  await server.killHard();
  const restartOk = health.status === 200 && shown === sample.length;
  console.log(
    `restart after the last kill: /healthz ${health.status}, ${shown}/${sample.length} posts as acknowledged`,
  );

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const allOk = passed === ROUNDS && restartOk;
  console.log(
    `${allOk ? 'PASS' : 'FAIL'}: ${passed}/${ROUNDS} rounds passed · ${acknowledged} saves acknowledged, ` +
      `${ledger.posts.size} posts · ${seconds} s (seed ${SEED})`,
  );
  if (allOk) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.log(`DATA_DIR kept for inspection: ${dataDir}\n--- last server output ---\n${lastOutput}`);
  return allOk ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
