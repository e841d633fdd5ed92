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
