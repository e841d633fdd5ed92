/**
 * Admission control for expensive work (large renders, image processing, diffs): at most
 * `concurrency` jobs run at once, at most `maxQueue` wait; one more is refused at once with
 * `BusyError`, which the error handler answers as 503 with Retry-After. Work piles up in a queue
 * of known length instead of in the heap (docs/decisions/020-memory-budget.md).
 */
import { HttpError } from '../http-error.js';

/** Refused for load: 503 when the server is full, 429 when this one caller already has its share running. */
export class BusyError extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    status: 429 | 503 = 503,
  ) {
    super(status, message, true);
  }
}

export interface AdmissionOptions {
  /** Named in the 503 message: "other image uploads". */
  what: string;
  concurrency: number;
  maxQueue: number;
  retryAfterSeconds: number;
  /** Jobs one caller (a user id, an address) may have running or waiting at once; beyond it, 429. */
  maxPerKey?: number;
}

export interface Admission {
  /** Runs `job` when a place is free; rejects with BusyError when the queue is full. */
  run<T>(job: () => Promise<T>, key?: string | number): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const { what, concurrency, maxQueue, retryAfterSeconds, maxPerKey = Infinity } = options;
  let running = 0;
  const queue: Array<() => void> = [];
  const perKey = new Map<string | number, number>();
  const busy = `The server is busy with other ${what}. Please try again in ${retryAfterSeconds} seconds.`;
  const yours = `You already have ${what} in progress. Please try again in ${retryAfterSeconds} seconds.`;

  const release = () => {
    running--;
    const nextJob = queue.shift();
    if (nextJob) nextJob();
  };

  return {
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    run<T>(job: () => Promise<T>, key?: string | number): Promise<T> {
      const mine = key === undefined ? 0 : (perKey.get(key) ?? 0);
      if (mine >= maxPerKey) return Promise.reject(new BusyError(yours, retryAfterSeconds, 429));
      if (running >= concurrency && queue.length >= maxQueue) {
        return Promise.reject(new BusyError(busy, retryAfterSeconds));
      }
      if (key !== undefined) perKey.set(key, mine + 1);
      const done = () => {
        if (key === undefined) return;
        const left = (perKey.get(key) ?? 1) - 1;
        if (left <= 0) perKey.delete(key);
        else perKey.set(key, left);
      };
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          running++;
          // The place is given back before the caller hears, so it may start the next job at once.
          const finish = () => {
            done();
            release();
          };
          Promise.resolve()
            .then(job)
            .then(
              (value) => {
                finish();
                resolve(value);
              },
              (err: unknown) => {
                finish();
                reject(err);
              },
            );
        };
        if (running < concurrency) start();
        else queue.push(start);
      });
    },
  };
}
