import { describe, expect, it } from 'vitest';
import { BusyError, createAdmission } from '../../src/work/admission.js';

/** A job that finishes when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, job: () => opened.then(() => 'done') };
}

describe('admission control', () => {
  it('when every place is taken, then the next job waits and starts as soon as one is free', async () => {
    const admission = createAdmission({ what: 'renders', concurrency: 1, maxQueue: 1, retryAfterSeconds: 5 });
    const first = gate();
    const a = admission.run(first.job);
    const started: string[] = [];
    const b = admission.run(async () => {
      started.push('b');
      return 'b';
    });
    await Promise.resolve();
    expect(admission.running).toBe(1);
    expect(admission.waiting).toBe(1);
    expect(started).toEqual([]);
    first.open();
    expect(await a).toBe('done');
    expect(await b).toBe('b');
    expect(admission.running).toBe(0);
  });

  it('when the queue is full too, then the job is refused at once with 503 and Retry-After', async () => {
    const admission = createAdmission({ what: 'renders', concurrency: 1, maxQueue: 1, retryAfterSeconds: 7 });
    const first = gate();
    const a = admission.run(first.job);
    const b = admission.run(first.job);
    const refused = await admission.run(first.job).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(BusyError);
    expect((refused as BusyError).status).toBe(503);
    expect((refused as BusyError).retryAfterSeconds).toBe(7);
    expect((refused as BusyError).message).toMatch(/busy with other renders.*7 seconds/);
    first.open();
    await Promise.all([a, b]);
  });

  it('when one caller already has its share in progress, then its next job is refused with 429 and others still get in', async () => {
    const admission = createAdmission({
      what: 'renders',
      concurrency: 1,
      maxQueue: 10,
      retryAfterSeconds: 3,
      maxPerKey: 1,
    });
    const first = gate();
    const mine = admission.run(first.job, 'user:1');
    const again = await admission.run(first.job, 'user:1').catch((err: unknown) => err);
    expect((again as BusyError).status).toBe(429);
    const theirs = admission.run(async () => 'theirs', 'user:2');
    first.open();
    expect(await mine).toBe('done');
    expect(await theirs).toBe('theirs');
    // Its job done, the first caller is let in again.
    expect(await admission.run(async () => 'later', 'user:1')).toBe('later');
  });

  it('when a job fails, then its place is given back', async () => {
    const admission = createAdmission({
      what: 'renders',
      concurrency: 1,
      maxQueue: 0,
      retryAfterSeconds: 1,
      maxPerKey: 1,
    });
    await expect(admission.run(() => Promise.reject(new Error('boom')), 'k')).rejects.toThrow('boom');
    await expect(
      admission.run(() => {
        throw new Error('thrown');
      }, 'k'),
    ).rejects.toThrow('thrown');
    expect(await admission.run(async () => 'ok', 'k')).toBe('ok');
  });
});
