import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rootDir } from '../helpers/server.js';

const tsx = createRequire(import.meta.url).resolve('tsx');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-loadtest-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** `npm run loadtest` from the sources, with the given flags; resolves with its exit code and output. */
function loadtest(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', tsx, path.join(rootDir, 'src/cli/loadtest.ts'), ...args],
      { cwd: rootDir, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('npm run loadtest', () => {
  it(
    'when run for 3 s at 8 connections on 50 posts, then it reads and saves through the real server, prints a verdict per target and writes the figures',
    { timeout: 240_000 },
    async () => {
      const out = path.join(scratch, 'loadtest.json');
      const run = await loadtest([
        '--duration',
        '3',
        '--connections',
        '8',
        '--posts',
        '50',
        '--editors',
        '2',
        '--out',
        out,
      ]);

      expect([0, 1], run.output).toContain(run.code);
      expect(run.output).toMatch(/^Requests: [\d,]+ in [\d.]+ s at 8 connections: [\d,]+ req\/s$/m);
      expect(run.output).toMatch(/^(PASS|FAIL) {2}zero errors/m);
      expect(run.output).toMatch(/^(PASS|FAIL) {2}zero 5xx answers/m);
      expect(run.output).toMatch(/^(PASS|FAIL) {2}RSS growth < 10%/m);

      const record = JSON.parse(fs.readFileSync(out, 'utf8'));
      const f = record.figures;
      expect(f.requests).toBeGreaterThan(0);
      expect(f.actions.reads).toBeGreaterThan(0);
      expect(f.status5xx).toBe(0);
      expect(f.unexpected).toEqual({});
      expect(f.actions.refusedSaves).toBe(0);
      for (const l of [f.latency.all, f.latency.public]) {
        expect(l.p50).toBeLessThanOrEqual(l.p90);
        expect(l.p90).toBeLessThanOrEqual(l.p99);
        expect(l.p99).toBeLessThanOrEqual(l.max);
      }
      expect(f.rss.startMb).toBeGreaterThan(0);
      expect(f.rss.endMb).toBeGreaterThan(0);
      expect(record.targets.map((t: { target: string }) => t.target)).toHaveLength(3);
      expect(typeof record.pass).toBe('boolean');
    },
  );

  it(
    'when run with --hostile, then the worst inputs of the hostile corpus go beside the load and every answer to them is below 500',
    { timeout: 240_000 },
    async () => {
      const out = path.join(scratch, 'loadtest-hostile.json');
      const run = await loadtest([
        '--duration',
        '3',
        '--connections',
        '4',
        '--posts',
        '30',
        '--editors',
        '1',
        '--hostile',
        '--out',
        out,
      ]);

      expect(run.output).toContain('A contributor and visitors send the hostile corpus beside the load.');
      expect(run.output).toMatch(/^PASS {2}hostile burst: every answer below 500, none dropped/m);
      const record = JSON.parse(fs.readFileSync(out, 'utf8'));
      expect(record.hostileBurst.failures).toEqual([]);
      expect(record.hostileBurst.statuses['200']).toBeGreaterThan(0);
      expect(record.hostileBurst.statuses['413']).toBeGreaterThan(0);
      expect(record.figures.status5xx).toBe(0);
    },
  );

  it('when a flag is wrong, then it names it, prints the usage and exits 2', async () => {
    const run = await loadtest(['--connections', 'lots']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('--connections');
    expect(run.output).toContain('Usage: npm run loadtest');
  });
});
