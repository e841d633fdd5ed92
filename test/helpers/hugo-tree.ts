/** Builders for Hugo sites written into temporary folders: content files in the three front-matter formats. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify as toToml } from 'smol-toml';
import YAML from 'yaml';

export type FrontMatter = Record<string, unknown>;

/** A content file with YAML front matter. */
export function yamlPage(data: FrontMatter, body = 'Some words.\n'): string {
  return `---\n${YAML.stringify(data, { lineWidth: 0 })}---\n\n${body}`;
}

/** A content file with TOML front matter. */
export function tomlPage(data: FrontMatter, body = 'Some words.\n'): string {
  return `+++\n${toToml(data)}\n+++\n\n${body}`;
}

/** A content file with JSON front matter. */
export function jsonPage(data: FrontMatter, body = 'Some words.\n'): string {
  return `${JSON.stringify(data, null, 2)}\n\n${body}`;
}

export interface HugoSite {
  dir: string;
  cleanup: () => void;
}

/** Writes `files` (path → text or bytes) under a new temporary folder. */
export function writeHugoSite(files: Record<string, string | Buffer>): HugoSite {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-hugo-site-'));
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A tiny valid PNG, for page bundles. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * `npm run import -- <dir>` from the sources into `dataDir`, in a clean environment: vitest sets
 * variables (BASE_URL=/, MODE…) that are not the app's.
 */
export const runImportCli = (dir: string, dataDir: string) =>
  spawnSync('npx', ['tsx', 'src/cli/import.ts', dir], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, 'blog.db')}`,
    },
    encoding: 'utf8',
  });
