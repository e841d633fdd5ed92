/**
 * `npm run loadtest`: a generated blog brought in with the real import, the production server
 * started with a clean environment, editors signed in through the real form, then mixed
 * traffic for a fixed time; prints the figures and the verdict, and writes them as JSON.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus, type Corpus } from './hugo-corpus.js';
import { openEditorSession } from './loadtest-editor.js';
import { readableSite } from './loadtest-mix.js';
import type { LoadtestOptions } from './loadtest-options.js';
import { allPass, loadtestChecks, reportLines } from './loadtest-report.js';
import { figuresOf, writeResults } from './loadtest-results.js';
import { currentRssMb, entryPoints, problemLines, startServer } from './loadtest-server.js';
import { runTraffic } from './loadtest-traffic.js';
import { runHostileBurst } from './loadtest-hostile.js';
import { machineBusy } from './proc-stats.js';
import { removeLater, runNode, stopChild } from './processes.js';
import { benchEnv } from './site.js';

function writeSite(dir: string, corpus: Corpus): void {
  for (const file of [...corpus.posts, ...corpus.pages]) {
    const target = path.join(dir, file.relPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
}

async function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, what: string) {
  const run = await runNode(script, args, { env, cwd });
  if (run.code !== 0)
    throw new Error(`${what} failed (exit ${run.code}):\n${run.output.slice(-30).join('\n')}`);
  return run;
}

/** The whole load test. Returns true when every target is met. */
export async function runLoadtest(opts: LoadtestOptions): Promise<boolean> {
  const scripts = entryPoints();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-loadtest-'));
  if (!opts.keep) removeLater(tmp);
  const now = new Date();
  const busyAtStart = await machineBusy();
  console.log(
    `Load test: ${opts.duration} s at ${opts.connections} connections, ${Math.round(opts.writeShare * 100)}% saves by ${opts.editors} editor(s), on ${opts.posts} posts; data in ${tmp}`,
  );
  if (busyAtStart !== null && busyAtStart > 0.1) {
    console.log(
      `Note: ${Math.round(busyAtStart * 100)}% of the CPU is busy before the load test starts; the figures will be noisy.`,
    );
  }

  const corpus = generateCorpus({ posts: opts.posts, now });
  writeSite(path.join(tmp, 'site'), corpus);
  const site = readableSite(corpus, now);
  const b = benchEnv(path.join(tmp, 'data'));
  const env = { ...b.env, ...scripts.env };
  const imported = await runCli(scripts.importer, [path.join(tmp, 'site')], env, tmp, 'the import');
  console.log(
    `Imported: ${imported.output.find((l) => l.startsWith('Imported ')) ?? '?'} (${(imported.ms / 1000).toFixed(1)} s)`,
  );

  const editors = Array.from({ length: opts.editors }, (_, i) => ({
    email: `loadtest-editor-${i + 1}@example.com`,
    password: crypto.randomBytes(18).toString('base64url'),
  }));
  for (const e of editors) {
    await runCli(
      scripts.user,
      ['create', '--email', e.email, '--role', 'editor', `--password=${e.password}`],
      env,
      tmp,
      `creating ${e.email}`,
    );
  }

  const server = await startServer(scripts.server, { env, cwd: tmp, logFile: path.join(tmp, 'server.log') });
  const ended: { exit: { code: number | null; signal: string | null } | null } = { exit: null };
  server.child.once('exit', (code, signal) => (ended.exit = { code, signal }));
  try {
    console.log(
      `Server: node ${path.relative(process.cwd(), scripts.server)} (NODE_ENV=production) at ${server.base}, pid ${server.child.pid}`,
    );
    const sessions = [];
    for (const e of editors) sessions.push(await openEditorSession(server.base, e.email, e.password));
    console.log(`Signed in ${sessions.length} editor(s) through /admin/login.`);

    let hostile: ReturnType<typeof runHostileBurst> | null = null;
    let trafficOver = false;
    if (opts.hostile) {
      const who = {
        email: 'loadtest-hostile@example.com',
        password: crypto.randomBytes(18).toString('base64url'),
      };
      const create = ['create', '--email', who.email, '--role', 'contributor', `--password=${who.password}`];
      await runCli(scripts.user, create, env, tmp, `creating ${who.email}`);
      const session = await openEditorSession(server.base, who.email, who.password);
      hostile = runHostileBurst(server.base, session, () => trafficOver);
      console.log('A contributor and visitors send the hostile corpus beside the load.');
    }
    const startMb = currentRssMb(server.child.pid);
    const traffic = await runTraffic({
      base: server.base,
      connections: opts.connections,
      seconds: opts.duration,
      writeShare: opts.writeShare,
      site,
      sessions,
      runTag: crypto.randomBytes(3).toString('hex'),
      serverPid: server.child.pid,
      onTick: (t, requests, mb) => {
        if (Math.floor(t) % 10 === 0 || opts.duration < 20) {
          console.log(
            `  ${t.toFixed(0).padStart(3)} s  ${requests.toLocaleString('en-US').padStart(9)} requests  RSS ${mb?.toFixed(0) ?? '?'} MB`,
          );
        }
      },
    });
    trafficOver = true;
    const burst = hostile ? await hostile : null;
    const figures = figuresOf(traffic, opts.connections, opts.duration, startMb);
    const checks = loadtestChecks(figures);
    if (burst) {
      const answers = Object.entries(burst.statuses)
        .map(([status, n]) => `${n}× ${status}`)
        .join(', ');
      checks.push({
        target: 'hostile burst: every answer below 500, none dropped',
        measured:
          burst.failures.length === 0 ? answers : `${answers}; ${burst.failures.slice(0, 5).join('; ')}`,
        pass: burst.failures.length === 0,
      });
    }
    if (ended.exit) {
      checks.push({
        target: 'the server runs to the end',
        measured: `it exited: ${JSON.stringify(ended.exit)}`,
        pass: false,
      });
    }
    console.log('');
    for (const line of reportLines(figures, checks)) console.log(line);
    const pass = allPass(checks);
    console.log(pass ? '\nEvery target met.' : '\nSome targets are not met.');
    const problems = problemLines(server.logFile);
    if (problems.length > 0)
      console.log(
        `\nWhat the server logged beyond its requests (last ${problems.length}):\n${problems.join('\n')}`,
      );
    writeResults(opts.out, {
      date: now.toISOString(),
      options: { ...opts, out: undefined },
      ...(burst ? { hostileBurst: burst } : {}),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? '',
        node: process.version,
        cpuBusyAtStart: busyAtStart,
      },
      server: { fromSource: scripts.fromSource },
      figures,
      rssSamples: traffic.rss.map((s) => ({ t: Number(s.t.toFixed(2)), mb: Number(s.mb.toFixed(1)) })),
      perSecond: traffic.perSecond,
      targets: checks,
      pass,
    });
    return pass;
  } finally {
    await stopChild(server.child);
    if (opts.keep) console.log(`Kept ${tmp}`);
  }
}
