import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type Corpus } from './hugo-corpus.js';
import { chooseUrls } from './targets.js';
import { runNode, startNode, stopChild, type Started } from './processes.js';
import { peakRssMb } from './proc-stats.js';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../runtime.js';

/** The compiled entry points, next to this module in dist/. */
const dist = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
export const SERVER_JS = dist('../server.js');
export const IMPORT_JS = dist('../cli/import.js');
export const BASELINE_JS = dist('./baseline-server.js');

export const SERVING = /Byline is serving .* at (http:\/\/\S+)/;

/** Generates the blog and writes it as a Hugo site under `dir`; returns what to measure. */
export async function makeSite(dir: string, posts: number, now: Date) {
  const corpus = generateCorpus({ posts, now });
  await writeCorpus(dir, corpus);
  return chooseUrls(corpus, now);
}

async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  const files = [...corpus.posts, ...corpus.pages];
  const folders = new Set(files.map((f) => path.dirname(path.join(dir, f.relPath))));
  for (const folder of folders) await fs.mkdir(folder, { recursive: true });
  for (let i = 0; i < files.length; i += 64) {
    await Promise.all(files.slice(i, i + 64).map((f) => fs.writeFile(path.join(dir, f.relPath), f.text)));
  }
}

export interface BenchEnv {
  env: NodeJS.ProcessEnv;
  email: string;
  password: string;
}

/** A clean production environment: nothing from the shell or a `.env` but PATH and HOME. */
export function benchEnv(dataDir: string): BenchEnv {
  const email = 'bench@example.com';
  const password = crypto.randomBytes(18).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
    HOST: '127.0.0.1',
    PORT: '0',
    SAMPLE_CONTENT: 'false',
    NODE_ENV: 'production',
    SESSION_SECRET: crypto.randomBytes(36).toString('base64url'),
    ADMIN_EMAIL: email,
    ADMIN_PASSWORD: password,
  };
  return { env, email, password };
}

/** `npm run import` as users run it (the compiled CLI), timed from spawn to exit. */
export async function importSite(siteDir: string, b: BenchEnv, cwd: string) {
  let migratedMs: number | null = null;
  const run = await runNode(IMPORT_JS, [siteDir], {
    env: b.env,
    cwd,
    onLine: (line, ms) => {
      if (line.startsWith('Applied migrations')) migratedMs = ms;
      if (/^\s+\d+\/\d+ files$/.test(line))
        console.log(`  import:${line.trim().padStart(16)}  ${(ms / 1000).toFixed(1)} s`);
    },
  });
  if (run.code !== 0)
    throw new Error(`the import failed (exit ${run.code}):\n${run.output.slice(-30).join('\n')}`);
  const summary = run.output.find((l) => l.startsWith('Imported ')) ?? '';
  return {
    seconds: run.ms / 1000,
    migrationSeconds: migratedMs === null ? null : migratedMs / 1000,
    summary,
  };
}

/**
 * Starts Byline twice: the first start migrates and creates the administrator, the second,
 * on the existing database, is the one timed and measured.
 */
export async function startByline(b: BenchEnv, cwd: string): Promise<Started & { firstMs: number }> {
  // As `npm start` runs it: the same Node flags and environment (src/runtime.ts).
  const opts = { env: { ...b.env, ...SERVER_ENV }, cwd, ready: SERVING, nodeArgs: [...SERVER_NODE_ARGS] };
  const first = await startNode(SERVER_JS, [], opts);
  await stopChild(first.child);
  const second = await startNode(SERVER_JS, [], opts);
  return { ...second, firstMs: first.ms };
}

export async function startBaseline(pagesFile: string, cwd: string): Promise<Started> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' };
  return startNode(BASELINE_JS, [pagesFile], { env, cwd, ready: /Baseline is serving .* at (http:\/\/\S+)/ });
}

export const peakRssOf = (s: Started) => peakRssMb(s.child.pid);
