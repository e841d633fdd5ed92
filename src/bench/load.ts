import autocannon from 'autocannon';
import { Latencies } from './stats.js';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Answers outside 2xx (wrk: 4xx and 5xx only; the bench checks each URL answers 200 first). */
  non2xx: number;
  /** Connection errors, resets and timeouts. */
  socketErrors: number;
  bytes: number;
}

/**
 * autocannon keeps each response's body as a string, appending every chunk to it with `+=`: on the
 * 170 KB brotli sitemap of a 10,000-post blog that held it near 400 requests a second, where wrk
 * does 19,000 — the bench would have measured its own client. The bench never reads a body, so
 * each connection (through autocannon's `setupClient` hook) drops them; bytes are still counted.
 */
export function dropBodies(client: unknown): void {
  const queue = (client as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (!queue || typeof queue.addBody !== 'function') {
    throw new Error('this autocannon keeps no pipelinedRequests.addBody: check src/bench/load.ts against its version');
  }
  queue.addBody = () => {};
}

/** Runs autocannon in this process, timing every response itself to get p95 with sub-millisecond precision. */
export function runAutocannon(opts: LoadOptions): Promise<LoadResult> {
  const latencies = new Latencies();
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.seconds,
        headers: opts.headers,
        timeout: 10,
        setupClient: dropBodies,
      },
      (err, result) => {
        if (err) return reject(err);
        const { p50, p95, p99, max } = latencies.summary();
        const seconds = result.duration;
        resolve({
          requests: latencies.count,
          seconds,
          rps: latencies.count / seconds,
          p50,
          p95,
          p99,
          max,
          non2xx,
          socketErrors: result.errors + result.resets,
          bytes: result.throughput.total,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.add(ms);
      if (status < 200 || status > 299) non2xx += 1;
    });
  });
}
