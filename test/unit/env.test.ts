import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/env.js';

describe('parseEnv', () => {
  it('when nothing is set, then the defaults make a working local blog', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATA_DIR: './data',
      DATABASE_URL: 'file:./data/blog.db',
      HOST: '127.0.0.1',
      PORT: 3000,
      BASE_URL: 'http://127.0.0.1:3000',
      SAMPLE_CONTENT: true,
    });
  });

  it('when DATA_DIR is set and DATABASE_URL is not, then the database lives in DATA_DIR', () => {
    expect(parseEnv({ DATA_DIR: '/srv/blog/' }).DATABASE_URL).toBe('file:/srv/blog/blog.db');
  });

  it('when SAMPLE_CONTENT=false, then sample content is off', () => {
    expect(parseEnv({ SAMPLE_CONTENT: 'false' }).SAMPLE_CONTENT).toBe(false);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ BASE_URL: 'not a url' }, 'BASE_URL'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ SAMPLE_CONTENT: 'maybe' }, 'SAMPLE_CONTENT'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ ADMIN_EMAIL: 'nobody' }, 'ADMIN_EMAIL'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
  ])('when %o is given, then the error names %s', (vars, name) => {
    expect(() => parseEnv(vars)).toThrow(EnvError);
    expect(() => parseEnv(vars)).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('when BASE_URL ends with a slash, then it is trimmed so URLs join cleanly', () => {
    expect(parseEnv({ BASE_URL: 'https://blog.example/' }).BASE_URL).toBe('https://blog.example');
  });
});
