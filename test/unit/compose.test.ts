/**
 * The container files, read as files: there is no container engine in the test run, so these
 * check what a build would depend on (files that exist, a non-root user, no baked-in secrets).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
  /** Index of the FROM stage it belongs to. */
  stage: number;
}

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = -1;
  return logical.map((line) => {
    const [op = '', ...rest] = line.split(/\s+/);
    if (op.toUpperCase() === 'FROM') stage += 1;
    return { op: op.toUpperCase(), args: rest.join(' '), stage };
  });
}

const dockerfile = instructions(read('Dockerfile'));
const lastStage = Math.max(...dockerfile.map((i) => i.stage));
const final = dockerfile.filter((i) => i.stage === lastStage);
const finalOf = (op: string) => final.filter((i) => i.op === op);
/** `KEY=value` pairs of the ENV lines of the final stage. */
const finalEnv = Object.fromEntries(
  finalOf('ENV').flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
);

const compose = parse(read('docker-compose.yml'));
const service = compose.services.byline;

describe('Dockerfile', () => {
  it('when read, then it has a build stage and a runtime stage that copies from it', () => {
    const froms = dockerfile.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.map((f) => f.args)).toEqual(
      froms.map(() => expect.stringMatching(/^node:20-bookworm-slim\b/)),
    );
    const buildName = /\bAS\s+(\S+)/i.exec(froms[0]!.args)?.[1];
    expect(buildName).toBeTruthy();
    expect(finalOf('COPY').some((c) => c.args.startsWith(`--from=${buildName}`))).toBe(true);
  });

  it('when read, then the build stage installs with npm ci, compiles, and drops the development dependencies', () => {
    const runs = dockerfile
      .filter((i) => i.stage === 0 && i.op === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/npm run build\b/);
    expect(runs).toMatch(/npm prune --omit=dev\b/);
  });

  it('when read, then the runtime stage has no compilers and runs as a user that is not root', () => {
    expect(
      final
        .filter((i) => i.op === 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).not.toMatch(/\b(g\+\+|make|python3|apt-get install)\b/);
    const users = finalOf('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);
    const userAt = final.lastIndexOf(users.at(-1)!);
    expect(final.findIndex((i) => i.op === 'CMD')).toBeGreaterThan(userAt);
  });

  it('when read, then it serves in production on all interfaces with its data on a volume', () => {
    expect(finalEnv).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', DATA_DIR: '/data' });
    expect(
      finalOf('VOLUME')
        .map((v) => v.args)
        .join(' '),
    ).toContain(finalEnv.DATA_DIR);
    expect(finalOf('EXPOSE').map((e) => e.args)).toContain(finalEnv.PORT);
    // The volume's folder belongs to the user the server runs as.
    const user = finalOf('USER').at(-1)!.args.split(':')[0];
    expect(
      finalOf('RUN').some((r) => r.args.includes(`chown ${user}`) && r.args.includes(finalEnv.DATA_DIR!)),
    ).toBe(true);
  });

  it('when read, then it checks /healthz with node and starts the compiled server directly', () => {
    const check = finalOf('HEALTHCHECK')[0]?.args ?? '';
    expect(check).toMatch(/CMD \["node", "-e", ".*\/healthz/);
    // Node itself (no npm, no compiler in the image), with the server's flags (src/runtime.ts).
    expect(finalOf('CMD').at(-1)?.args).toMatch(/^\["node", ("--[\w-]+(=\d+)?", )*"dist\/src\/server\.js"\]$/);
    // tsconfig compiles src/ into dist/ keeping the folder: src/server.ts becomes dist/src/server.js.
    const tsconfig = JSON.parse(read('tsconfig.json'));
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(fs.existsSync(path.join(root, 'src/server.ts'))).toBe(true);
  });

  it('when read, then every file it copies from the repository exists', () => {
    for (const copy of dockerfile.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))) {
      const parts = copy.args.replace(/--\S+\s+/g, '').split(/\s+/);
      for (const source of parts.slice(0, -1))
        expect(fs.existsSync(path.join(root, source)), source).toBe(true);
    }
  });

  it('when read, then no secret is set in the image: no ENV or ARG for a secret, password or token', () => {
    const settings = dockerfile.filter((i) => i.op === 'ENV' || i.op === 'ARG').map((i) => i.args);
    for (const s of settings) expect(s).not.toMatch(/SECRET|PASSWORD|TOKEN|API_KEY/i);
    expect(read('Dockerfile')).not.toMatch(/\bCOPY\s+(\S+\s+)*\.env\b/);
  });

  it('when the image is built, then .env files and local data stay out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', '.env.*', 'data', 'node_modules', '.git', 'dist'])
      expect(ignored).toContain(entry);
  });

  it('when the server starts in the image, then what it needs at run time is a production dependency', () => {
    const pkg = JSON.parse(read('package.json'));
    // Start-up applies migrations with the Prisma CLI, so it cannot be a development dependency.
    for (const name of ['prisma', '@prisma/client', 'better-sqlite3', 'bcrypt'])
      expect(pkg.dependencies).toHaveProperty(name);
  });
});

describe('docker-compose.yml', () => {
  it('when parsed, then it has one service built from a Dockerfile that exists', () => {
    expect(Object.keys(compose.services)).toEqual(['byline']);
    expect(fs.existsSync(path.join(root, service.build, 'Dockerfile'))).toBe(true);
  });

  it('when parsed, then DATA_DIR lives on a named volume and a health check calls /healthz', () => {
    const [volume, mount] = String(service.volumes[0]).split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(mount).toBe(finalEnv.DATA_DIR);
    expect(service.healthcheck.test.join(' ')).toContain('/healthz');
  });

  it('when parsed, then SESSION_SECRET and BASE_URL must be given, and no secret is written in the file', () => {
    expect(service.environment.SESSION_SECRET).toMatch(/^\$\{SESSION_SECRET:\?.+\}$/);
    expect(service.environment.BASE_URL).toMatch(/^\$\{BASE_URL:\?.+\}$/);
    expect(service.environment.ADMIN_PASSWORD).toMatch(/^\$\{ADMIN_PASSWORD:-\}$/);
  });

  it('when parsed, then it trusts one proxy, restarts on failure, and publishes the port to this host only', () => {
    expect(service.environment.TRUST_PROXY).toMatch(/^\$\{TRUST_PROXY:-1\}$/);
    expect(['always', 'unless-stopped', 'on-failure']).toContain(service.restart);
    for (const port of service.ports) expect(String(port)).toMatch(/^127\.0\.0\.1:/);
    expect(String(service.ports[0]).split(':').at(-1)).toBe(finalEnv.PORT);
  });
});
