/**
 * `npm run test:attack`: the production server as `npm start` runs it (same heap cap), attacked
 * with each input that once stopped or stalled it, while a reader asks /healthz every 50 ms.
 * Prints, for each attack, the answers it got, the slowest /healthz meanwhile and the server's
 * memory; exits 1 when an answer was not the clear one expected or the server stopped.
 * The /healthz figures are printed, not judged: the machine's speed is not the test's business.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer } from '../crash/server-process.js';
import { ATTACKS, type Ctx } from './attacks.js';
import { Client } from './client.js';
import { HealthProbe } from './probe.js';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function cliRunner(dataDir: string) {
  return (script: string, args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(rootDir, 'dist/src/cli', `${script}.js`), ...args], {
        cwd: dataDir,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? dataDir,
          DATA_DIR: dataDir,
          DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
          SAMPLE_CONTENT: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
      child.once('exit', (code) => resolve({ code, output }));
    });
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-attack-'));
  const server = await startServer(dataDir);
  const cli = cliRunner(dataDir);
  process.env.ATTACK_ADMIN_EMAIL = ADMIN_EMAIL;
  process.env.ATTACK_ADMIN_PASSWORD = ADMIN_PASSWORD;
  const contributorPassword = crypto.randomBytes(18).toString('base64url');
  const made = await cli('user', [
    'create',
    '--email',
    'contributor@example.com',
    '--role',
    'contributor',
    // One argument: a generated password may begin with '-'.
    `--password=${contributorPassword}`,
  ]);
  if (made.code !== 0) throw new Error(`could not create the contributor:\n${made.output}`);
  const admin = new Client(server.origin);
  await admin.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  const contributor = new Client(server.origin);
  await contributor.signIn('contributor@example.com', contributorPassword);
  const db = new Database(path.join(dataDir, 'blog.db'), { readonly: true });
  const ctx: Ctx = {
    origin: server.origin,
    dataDir,
    admin,
    contributor,
    newClient: () => new Client(server.origin),
    sessionRows: () => (db.prepare('SELECT count(*) AS n FROM Session').get() as { n: number }).n,
    rssMb: () => rssMb(server.pid),
    cli,
  };

  const probe = new HealthProbe(server.origin);
  probe.start();
  console.log(
    `Attacking the server at ${server.origin} (pid ${server.pid}, RSS ${ctx.rssMb().toFixed(0)} MB); data in ${dataDir}\n`,
  );
  let failed = 0;
  for (const attack of ATTACKS) {
    probe.take();
    const started = performance.now();
    let line: string;
    try {
      const outcome = await attack.run(ctx);
      const health = probe.take();
      const pass = outcome.pass && server.alive() && health.failures === 0;
      if (!pass) failed++;
      line = [
        pass ? 'PASS' : 'FAIL',
        attack.name,
        `answers ${[...new Set(outcome.statuses)].join(' ')}`,
        outcome.detail,
        `slowest /healthz ${Math.round(health.worstMs)} ms${health.failures ? ` (${health.failures} failed)` : ''}`,
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
        server.alive() ? `RSS ${ctx.rssMb().toFixed(0)} MB` : 'SERVER STOPPED',
      ].join(' | ');
    } catch (err) {
      failed++;
      line = `FAIL | ${attack.name} | ${(err as Error).message}`;
    }
    console.log(line);
    if (!server.alive()) break;
  }
  await probe.stop();
  db.close();
  const alive = server.alive();
  if (!alive) console.log(`\nThe server stopped. Its last output:\n${server.output().slice(-3000)}`);
  await server.killHard();
  if (alive) fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`\n${ATTACKS.length - failed} passed, ${failed} failed`);
  return failed === 0 && alive ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
