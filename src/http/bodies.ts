/**
 * Admin request bodies, read only when and as far as the request needs
 * (docs/decisions/024-sign-in-without-a-stored-session.md). A form is parsed before the CSRF check
 * (its token is one of its fields), within the limits of who sends it and where. JSON is parsed
 * only where `jsonBody` is mounted, after sign-in and the CSRF check (a script sends its token in
 * the X-CSRF-Token header). Any other body is never read: Node discards it after the answer.
 */
import { finished } from 'node:stream';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from '../http-error.js';
import { createAdmission } from '../work/admission.js';
import {
  ANONYMOUS_FORM_BYTES,
  ANONYMOUS_FORM_FIELDS,
  EDITOR_FORM_BYTES,
  EDITOR_FORM_PATHS,
  LARGE_BODIES,
  SIGNED_IN_FORM_BYTES,
  SIGNED_IN_FORM_FIELDS,
  VISITOR_FORM_PATHS,
} from './limits.js';

interface Limits {
  bytes: number;
  fields: number;
}

/** One queue for the whole process: it is this process's memory the big bodies share. */
const largeBodies = createAdmission({
  what: 'long texts being sent',
  concurrency: LARGE_BODIES.concurrency,
  maxQueue: LARGE_BODIES.maxQueue,
  maxPerKey: LARGE_BODIES.maxPerUser,
  retryAfterSeconds: LARGE_BODIES.retryAfterSeconds,
});

/** How many large bodies are being read and how many wait (for tests and the memory budget's checks). */
export const largeBodyReads: Pick<typeof largeBodies, 'running' | 'waiting'> = largeBodies;

/** Content-Length as a number; NaN when the body comes in chunks of unknown total. */
const declaredLength = (req: Request) => Number(req.headers['content-length'] ?? NaN);

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;

/** The 413 a body over `bytes` gets, naming the limit; what was typed is still in the form it came from. */
export const tooLarge = (bytes: number) =>
  new HttpError(
    413,
    `What was sent is larger than this form accepts (${size(bytes)} at most). Go back: what you typed is still there.`,
  );

/**
 * A visitor's big body to a page behind sign-in (a long post saved after the session ended): the
 * answer it would get once read, without reading it.
 */
const tooLargeFor = (req: Request, limits: Limits) =>
  req.user || VISITOR_FORM_PATHS.test(req.path)
    ? tooLarge(limits.bytes)
    : new HttpError(401, 'Please sign in again.');

/**
 * Refuses with `err` once the body has gone by, unread and unkept (at once if it has already).
 * Answering sooner would make a client that asked for `Connection: close` see the socket close
 * under its upload (EPIPE) instead of the answer; the wait costs no memory, and the HTTP server's
 * requestTimeout bounds it.
 */
function refuseUnread(req: Request, next: NextFunction, err: unknown): void {
  finished(req, () => next(err));
  req.resume();
}

/** body-parser's errors as answers that say what was wrong (its own messages are for developers). */
function bodyError(err: unknown, limits: Limits): unknown {
  if (err instanceof HttpError) return err;
  const { type, status } = err as { type?: string; status?: number };
  if (type === 'entity.too.large') return tooLarge(limits.bytes);
  if (type === 'parameters.too.many')
    return new HttpError(413, `This form has more fields than it may (${limits.fields} at most).`);
  // The client went away (while its body waited its turn, perhaps): nobody reads this answer.
  if (type === 'request.aborted' || type === 'stream.not.readable')
    return new HttpError(400, 'The form was cut off before it all arrived.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new HttpError(415, 'This form was sent in an encoding Byline does not read: send it as UTF-8.');
  if (status && status >= 400 && status < 500) return new HttpError(400, 'This form could not be read.');
  return err;
}

/**
 * Runs `parse` on the request, through the queue of large bodies when the body may be large:
 * waiting there costs nothing but a socket, as the body is not read until a place is free.
 */
function read(req: Request, res: Response, parse: RequestHandler, limits: Limits): Promise<void> {
  const run = () =>
    new Promise<void>((resolve, reject) =>
      parse(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve())),
    );
  const declared = declaredLength(req);
  const large = limits.bytes > SIGNED_IN_FORM_BYTES && !(declared <= SIGNED_IN_FORM_BYTES);
  return large ? largeBodies.run(run, req.user?.id ?? req.ip) : run();
}

/** How much form this request may send: a visitor little, a signed-in user more, the editor's save most. */
export function formLimitsOf(req: Request): Limits {
  if (!req.user) return { bytes: ANONYMOUS_FORM_BYTES, fields: ANONYMOUS_FORM_FIELDS };
  const bytes =
    req.method === 'POST' && EDITOR_FORM_PATHS.test(req.path) ? EDITOR_FORM_BYTES : SIGNED_IN_FORM_BYTES;
  return { bytes, fields: SIGNED_IN_FORM_FIELDS };
}

/**
 * Parses URL-encoded forms within formLimitsOf(req); mount it after the session and the user are
 * known and before the CSRF check. A form, or a visitor's body of any type, that declares more
 * than its limit is refused without being read; compressed bodies are refused (no browser sends one).
 */
export function formBody(): RequestHandler {
  const parsers = new Map<string, RequestHandler>();
  const parserFor = ({ bytes, fields }: Limits) => {
    const key = `${bytes}/${fields}`;
    let parser = parsers.get(key);
    if (!parser) {
      parser = express.urlencoded({ extended: false, limit: bytes, parameterLimit: fields, inflate: false });
      parsers.set(key, parser);
    }
    return parser;
  };
  return (req, res, next) => {
    const limits = formLimitsOf(req);
    const declared = declaredLength(req);
    const isForm = Boolean(req.is('application/x-www-form-urlencoded'));
    if ((isForm || !req.user) && declared > limits.bytes)
      return refuseUnread(req, next, tooLargeFor(req, limits));
    if (!isForm) return next();
    read(req, res, parserFor(limits), limits).then(
      () => next(),
      (err: unknown) => refuseUnread(req, next, bodyError(err, limits)),
    );
  };
}

/**
 * Objects, arrays and members in a JSON text, counted without parsing it (`{`, `[` and `,` outside
 * strings). A 2 MB array of empty objects is 700,000 values and ~45 MB of heap once parsed; this
 * reads it in a few milliseconds and allocates nothing.
 */
export function jsonValueCount(text: Buffer, stopAbove = Infinity): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < text.length && count <= stopAbove; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b || c === 0x2c) count++;
  }
  return count;
}

/**
 * Parses a JSON body of at most `limit` bytes and `maxValues` values (see jsonValueCount) into
 * req.body. Mount it on the route that reads JSON, which must come after sign-in and the CSRF
 * check; other content types pass through unread.
 */
export function jsonBody({ limit, maxValues = 100 }: { limit: number; maxValues?: number }): RequestHandler {
  const raw = express.raw({ type: 'application/json', limit, inflate: false });
  const limits = { bytes: limit, fields: maxValues };
  return (req, res, next) => {
    if (!req.is('application/json') || req.readableEnded) return next();
    if (declaredLength(req) > limit) return refuseUnread(req, next, tooLarge(limit));
    read(req, res, raw, limits).then(
      () => {
        const text = req.body as unknown;
        req.body = undefined;
        if (!Buffer.isBuffer(text)) return next();
        if (jsonValueCount(text, maxValues) > maxValues)
          return next(
            new HttpError(
              413,
              `What was sent has more values than this address reads (${maxValues} at most).`,
            ),
          );
        try {
          req.body = JSON.parse(text.toString('utf8')) as unknown;
        } catch {
          return next(new HttpError(400, 'What was sent is not valid JSON.'));
        }
        next();
      },
      (err: unknown) => refuseUnread(req, next, bodyError(err, limits)),
    );
  };
}
