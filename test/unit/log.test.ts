import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../src/env.js';
import { isAcceptableRequestId } from '../../src/http/request-id.js';
import { loggableUrl } from '../../src/http/request-log.js';
import { createLogger, serializeError, type LogLevel } from '../../src/log.js';

/** A logger writing into an array, and the objects it wrote. */
function capture(level: LogLevel = 'info') {
  const written: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void written.push(line) } });
  return { logger, written, objects: () => written.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('loggableUrl', () => {
  it.each([
    ['/posts/hello/', '/posts/hello/'],
    ['/search/?q=erlang&page=2', '/search/?q=erlang&page=2'],
    ['/admin/set-password/AbC123_-xyz', '/admin/set-password/[redacted]'],
    ['/admin/Set-Password/AbC123?x=1', '/admin/Set-Password/[redacted]?x=1'],
    ['/admin/set-password?token=abc', '/admin/set-password?token=[redacted]'],
    ['/x?access_token=a&code=123456&q=ok', '/x?access_token=[redacted]&code=[redacted]&q=ok'],
    ['/x?Password=a&_csrf=b&sessionId=c', '/x?Password=[redacted]&_csrf=[redacted]&sessionId=[redacted]'],
    ['/x?%74oken=a', '/x?%74oken=[redacted]'],
    ['/admin/login?next=%2Fadmin%2Fset-password%2Fabc', '/admin/login?next=[redacted]'],
    ['/admin/login?next=%2Fadmin%2Fposts', '/admin/login?next=%2Fadmin%2Fposts'],
    ['/x?bad=%E0%A4%A&flag', '/x?bad=%E0%A4%A&flag'],
  ])('when the URL is %s, then it is logged as %s', (raw, logged) => {
    expect(loggableUrl(raw)).toBe(logged);
  });

  it('when the URL is very long, then what is logged is cut to 1000 characters', () => {
    expect(loggableUrl(`/${'a'.repeat(5000)}`)).toHaveLength(1000);
  });
});

describe('isAcceptableRequestId', () => {
  it.each(['abc', 'A-b_c.9', 'x'.repeat(64), '0f8fad5b-d9cb-469f-a165-70867728950e'])(
    'when the id is %s, then it is kept',
    (id) => {
      expect(isAcceptableRequestId(id)).toBe(true);
    },
  );

  it.each(['', 'x'.repeat(65), 'a b', 'a\nb', '<x>', 'é', 'a/b', '"a"'])(
    'when the id is %j, then it is refused',
    (id) => {
      expect(isAcceptableRequestId(id)).toBe(false);
    },
  );

  it('when the header came twice (an array), then it is refused', () => {
    expect(isAcceptableRequestId(['a', 'b'])).toBe(false);
  });
});

describe('createLogger', () => {
  it('when something logs a header, a body or a top-level secret by mistake, then the values are replaced', () => {
    const { logger, written } = capture();
    logger.info({
      req: {
        headers: { cookie: 'byline.sid=s%3Asecret-sid', authorization: 'Bearer tok-1' },
        body: { password: 'pw-1' },
      },
      res: { headers: { 'set-cookie': 'byline.sid=secret-sid-2' } },
      password: 'pw-2',
      token: 'tok-2',
      user: { id: 1, passwordHash: '$2b$12$hash', totpSecret: 'TOTPSECRET' },
    });
    const text = written.join('');
    for (const secret of ['secret-sid', 'tok-1', 'pw-1', 'pw-2', 'tok-2', '$2b$12$hash', 'TOTPSECRET']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('when an error is logged, then its name, message, stack and code are kept, and nothing else it carries', () => {
    const { logger, objects } = capture();
    const err = Object.assign(new SyntaxError('Unexpected token'), {
      body: '{"password":"pw-in-body"}',
      status: 400,
      code: 'E_PARSE',
      extra: 'anything',
    });
    logger.error({ err }, 'failed');
    const [line] = objects();
    expect(line).toMatchObject({
      level: 'error',
      msg: 'failed',
      err: { type: 'SyntaxError', message: 'Unexpected token', code: 'E_PARSE', status: 400 },
    });
    expect(JSON.stringify(line)).not.toContain('pw-in-body');
    expect(JSON.stringify(line)).not.toContain('anything');
    expect(serializeError('plain string')).toEqual({ message: 'plain string' });
  });

  it('when the level is silent, then nothing is written; when debug, debug lines are', () => {
    const silent = capture('silent');
    silent.logger.error('nothing');
    expect(silent.written).toEqual([]);
    const debug = capture('debug');
    debug.logger.debug('shown');
    expect(debug.objects()[0]).toMatchObject({ level: 'debug', msg: 'shown' });
    expect(typeof debug.objects()[0]!.time).toBe('string');
  });
});

describe('LOG_LEVEL', () => {
  it('when it is unset, then it is info', () => {
    expect(parseEnv({}).LOG_LEVEL).toBe('info');
  });

  it('when it is a known level, then it is used', () => {
    expect(parseEnv({ LOG_LEVEL: 'silent' }).LOG_LEVEL).toBe('silent');
  });

  it('when it is not a level, then start-up stops naming it', () => {
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(EnvError);
    expect(() => parseEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
