import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');

describe('docker-compose.yml', () => {
  const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
  const service = compose.services.byline;

  it('when parsed, then it has one service built from a Dockerfile that exists', () => {
    expect(Object.keys(compose.services)).toEqual(['byline']);
    expect(fs.existsSync(path.join(root, service.build, 'Dockerfile'))).toBe(true);
  });

  it('when parsed, then DATA_DIR lives on a named volume and a health check calls /healthz', () => {
    const [volume, mount] = String(service.volumes[0]).split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`DATA_DIR=${mount}`);
    expect(service.healthcheck.test.join(' ')).toContain('/healthz');
  });

  it('when parsed, then the Dockerfile copies files that exist and runs npm start', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    for (const m of dockerfile.matchAll(/^COPY (?!\.)(.+) \S+$/gm)) {
      for (const f of m[1]!.split(/\s+/)) expect(fs.existsSync(path.join(root, f)), f).toBe(true);
    }
    expect(dockerfile).toMatch(/CMD \["npm", "start"\]/);
  });
});
