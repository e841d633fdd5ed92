import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { createDb } from '../../src/db.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

describe('GET /healthz', () => {
  it('when the database answers, then it is 200 {"status":"ok"}', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when the database cannot be opened, then it is 503', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-broken-'));
    const db = createDb(`file:${dir}`);
    const app = createApp({
      db,
      env: { BASE_URL: 'http://x.test', TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: dir },
      sessionSecret: 'x'.repeat(32),
      log: () => {},
    });
    const res = await request(app).get('/healthz').expect(503);
    expect(res.body.status).not.toBe('ok');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
