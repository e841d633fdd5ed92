import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordPage } from '../../src/bench/baseline.js';
import { cookiesOf, csrfField } from '../../src/bench/http-client.js';
import { parseBenchArgs, UsageError } from '../../src/bench/options.js';
import { findOnPath, parseWrkOutput } from '../../src/bench/wrk.js';

describe('parseBenchArgs', () => {
  it('when nothing is given, then it measures 10,000 posts for 10 s per URL at 50 connections', () => {
    expect(parseBenchArgs([])).toEqual({
      posts: 10_000,
      duration: 10,
      warmup: 2,
      connections: 50,
      tool: 'auto',
      keep: false,
    });
  });

  it('when options are given, then they are read as numbers', () => {
    const opts = parseBenchArgs([
      '--posts',
      '500',
      '--duration',
      '2',
      '--connections=10',
      '--tool',
      'autocannon',
      '--keep',
    ]);
    expect(opts).toMatchObject({ posts: 500, duration: 2, connections: 10, tool: 'autocannon', keep: true });
  });

  it.each([
    [['--posts', 'many']],
    [['--posts', '5']],
    [['--duration', '0']],
    [['--tool', 'ab']],
    [['--bogus']],
    [['extra']],
  ])('when given %j, then it is a usage error that shows the usage', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(/Usage: npm run bench/);
  });
});

describe('parseWrkOutput', () => {
  const stdout = [
    'Running 10s test @ http://127.0.0.1:3000/',
    '  1 threads and 50 connections',
    'BYLINE-BENCH {"requests":120000,"us":10000000,"bytes":240000000,"connect":0,"read":1,"write":0,"status":3,"timeout":2,"p50":2500,"p95":6100,"p99":9000,"max":31000}',
  ].join('\n');

  it('when wrk reports through the Lua hook, then the figures are in requests per second and milliseconds', () => {
    expect(parseWrkOutput(stdout)).toEqual({
      requests: 120_000,
      seconds: 10,
      rps: 12_000,
      p50: 2.5,
      p95: 6.1,
      p99: 9,
      max: 31,
      non2xx: 3,
      socketErrors: 3,
      bytes: 240_000_000,
    });
  });

  it('when the figures line is missing, then the error shows what wrk printed', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1')).toThrow(/unable to connect/);
  });
});

describe('findOnPath', () => {
  it('when an executable is in a PATH folder, then its path is returned, and null for a missing name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-path-'));
    const file = path.join(dir, 'fake-wrk');
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'not-executable'), '', { mode: 0o644 });
    try {
      expect(findOnPath('fake-wrk', `/nonexistent${path.delimiter}${dir}`)).toBe(file);
      expect(findOnPath('not-executable', dir)).toBeNull();
      expect(findOnPath('no-such-tool', dir)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('signing in and replaying', () => {
  it('when the login form is read, then its _csrf token is found', () => {
    expect(csrfField('<input type="hidden" name="_csrf" value="abc-123_x">')).toBe('abc-123_x');
    expect(csrfField('<form></form>')).toBeNull();
  });

  it('when a response sets cookies, then only name=value is kept for the Cookie header', () => {
    expect(cookiesOf({ 'set-cookie': ['byline.sid=s%3Aabc; Path=/; HttpOnly; SameSite=Lax'] })).toEqual([
      'byline.sid=s%3Aabc',
    ]);
    expect(cookiesOf({})).toEqual([]);
  });

  it('when a page is recorded, then its bytes and headers are kept but not the per-connection ones', () => {
    const page = recordPage('/', {
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'br',
        date: 'x',
        connection: 'keep-alive',
        'content-length': '3',
      },
      body: Buffer.from([1, 2, 3]),
    });
    expect(page).toEqual({
      url: '/',
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' },
      bodyBase64: 'AQID',
    });
  });
});
