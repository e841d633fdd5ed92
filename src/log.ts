/**
 * Structured logs: one JSON object a line (pino), to stdout unless told otherwise.
 * What may never be written — passwords, session ids, CSRF tokens, set-password tokens — is kept
 * out at the source (no headers, no bodies, URLs scrubbed: src/http/request-log.ts); the redact
 * paths below are the second line, for whatever a future log call passes by mistake.
 * See docs/decisions/014-audit-log-and-logs.md.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type { Logger };

export interface LoggerOptions {
  /** From LOG_LEVEL; 'silent' writes nothing. Default 'info'. */
  level?: LogLevel;
  /** Where the lines go: stdout, written synchronously, unless a stream is given (tests read one). */
  destination?: DestinationStream;
}

/** Field names whose values are secrets, when a log call passes them at the top level. */
const SECRET_FIELDS = [
  'password',
  'newPassword',
  'currentPassword',
  'confirmPassword',
  'passwordHash',
  '_csrf',
  'csrfToken',
  'token',
  'code',
  'recoveryCode',
  'twoFactorPassword',
  'twoFactorCode',
  'recoveryCodes',
  'totpSecret',
  'secret',
  'sessionSecret',
  'sessionId',
  'cookie',
  'authorization',
];

/**
 * Explicit paths only: wildcards (`*.password`) cost about 18 µs a line here, more than half of
 * what sending a cached page costs, and nothing logs an object of unknown shape.
 */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body',
  'req.query',
  'body',
  'err.body',
  'user.passwordHash',
  'user.totpSecret',
  'user.recoveryCodesJson',
  ...SECRET_FIELDS,
];

/**
 * Errors as they are logged: name, message, stack and code. Only these: an error may carry more
 * (body-parser's `body` is the raw request body, with its password), and none of that is wanted.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const extra = err as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  const out: Record<string, unknown> = {
    type: err.constructor?.name ?? err.name,
    message: err.message,
    stack: err.stack,
  };
  if (typeof extra.code === 'string' || typeof extra.code === 'number') out.code = extra.code;
  const status = extra.status ?? extra.statusCode;
  if (typeof status === 'number') out.status = status;
  return out;
}

/** A logger for Byline: JSON lines with an ISO time and the level's name. */
export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
