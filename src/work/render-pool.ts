/**
 * Post renders off the event loop. Markdown of a large post takes hundreds of milliseconds even in
 * linear time, and its tokens take hundreds of bytes of heap per byte of text: on the server's own
 * thread one contributor's paste would stall every reader and could take the heap past its cap.
 * Here a render runs on a worker thread with a heap and a time of its own (ADR 020): a render that
 * runs out of either ends that thread, answers 413 with the limit named, and the next render
 * starts a fresh thread. Admission (src/work/admission.ts) keeps a short queue in front.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DeriveInput } from '../content/derive.js';
import type { DerivedContent } from '../content/types.js';
import { HttpError } from '../http-error.js';
import { createAdmission } from './admission.js';
import type { RenderJob, RenderReply } from './render-jobs.js';

export interface RenderPoolOptions {
  /** Render threads; each runs one render at a time. */
  threads?: number;
  /** Heap of each thread, MB: the largest render's budget. */
  heapMb?: number;
  /** The longest one render may take. */
  timeoutMs?: number;
  /** Renders that may wait for a thread; more answer 503. */
  maxQueue?: number;
  /** Renders one user may have running or waiting; more answer 429. */
  maxPerUser?: number;
  /** A thread left idle this long is ended, its memory given back. */
  idleMs?: number;
}

export const RENDER_DEFAULTS: Required<RenderPoolOptions> = {
  threads: 1,
  heapMb: 128,
  timeoutMs: 15_000,
  maxQueue: 16,
  maxPerUser: 8,
  idleMs: 60_000,
};

/** A text the render thread could not finish within its budget: the editor shows it on the content field. */
export class RenderRefused extends HttpError {
  constructor(message: string) {
    super(413, message, true);
  }
}

export interface RenderPool {
  derive(input: DeriveInput, userKey?: string | number): Promise<DerivedContent>;
  /** Ends the threads (tests, shutdown); renders under way are refused. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker | null;
  busy: boolean;
  idle?: NodeJS.Timeout;
}

/**
 * tsx's loader, found from this file (not from the working directory, which may be anywhere): its
 * ES module build, beside the CommonJS one that require.resolve names.
 */
const tsxApi = () =>
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** The worker's file: compiled JavaScript in dist/, TypeScript through tsx in development and tests. */
function startWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 8 };
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(tsxApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)}); });`,
        { eval: true, resourceLimits },
      )
    : new Worker(new URL('./render-worker.js', import.meta.url), { resourceLimits });
  worker.unref();
  return worker;
}

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const o = { ...RENDER_DEFAULTS, ...options };
  const admission = createAdmission({
    what: 'renders',
    concurrency: o.threads,
    maxQueue: o.maxQueue,
    maxPerKey: o.maxPerUser,
    retryAfterSeconds: Math.max(1, Math.ceil(o.timeoutMs / 1000)),
  });
  const slots: Slot[] = Array.from({ length: o.threads }, () => ({ worker: null, busy: false }));
  const running = new Set<() => void>();
  let nextId = 1;
  let closed = false;

  const tooLarge = `This text is too large or too complex to render within the server's budget (${o.heapMb} MB of memory, ${o.timeoutMs / 1000} s). Split it into shorter posts, or simplify its structure.`;

  function runOn(slot: Slot, input: DeriveInput): Promise<DerivedContent> {
    clearTimeout(slot.idle);
    const worker = (slot.worker ??= startWorker(o.heapMb));
    slot.busy = true;
    const id = nextId++;
    return new Promise<DerivedContent>((resolve, reject) => {
      const settle = (fail: Error | null, result?: DerivedContent) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        running.delete(abort);
        slot.busy = false;
        if (fail) {
          // A thread that failed mid-render is not trusted with the next one.
          if (slot.worker === worker) slot.worker = null;
          void worker.terminate();
          reject(fail);
        } else {
          slot.idle = setTimeout(() => {
            if (slot.busy || slot.worker !== worker) return;
            slot.worker = null;
            void worker.terminate();
          }, o.idleMs).unref();
          resolve(result!);
        }
      };
      const onMessage = (reply: RenderReply) => {
        if (reply.id !== id) return;
        if (reply.ok) settle(null, reply.result);
        else settle(new Error(`Render failed: ${reply.message}`));
      };
      const onError = (err: Error & { code?: string }) =>
        settle(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new RenderRefused(tooLarge) : err);
      const onExit = () => settle(new Error('The render thread stopped.'));
      const abort = () => settle(new Error('The server is shutting down.'));
      const timer = setTimeout(() => settle(new RenderRefused(tooLarge)), o.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      running.add(abort);
      const job: RenderJob = { id, input };
      worker.postMessage(job);
    });
  }

  return {
    derive(input, userKey) {
      if (closed) return Promise.reject(new Error('The render pool is closed.'));
      return admission.run(() => {
        const slot = slots.find((s) => !s.busy);
        // Admission lets in no more renders than there are threads.
        if (!slot) throw new Error('No free render thread');
        return runOn(slot, input);
      }, userKey);
    },
    async close() {
      closed = true;
      for (const abort of [...running]) abort();
      await Promise.all(
        slots.map(async (slot) => {
          clearTimeout(slot.idle);
          const worker = slot.worker;
          slot.worker = null;
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}
