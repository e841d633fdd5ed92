import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropBodies, runAutocannon } from '../../src/bench/load.js';

/** A server answering every request with `body` (as a 10,000-post sitemap answers, brotli and all) and `status`. */
function serve(body: Buffer, status = 200) {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/xml', 'content-encoding': 'br', 'content-length': body.length });
    res.end(body);
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/sitemap.xml`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

const slug = (i: number) => crypto.createHash('sha1').update(String(i)).digest('hex');
const urls = Array.from({ length: 4000 }, (_, i) => `<url><loc>https://example.com/posts/${slug(i)}/</loc></url>`);
const big = zlib.brotliCompressSync(Buffer.from(`<urlset>${urls.join('\n')}</urlset>`));

let ok: Awaited<ReturnType<typeof serve>>;
let failing: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  ok = await serve(big);
  failing = await serve(Buffer.from('nope'), 503);
});
afterAll(async () => {
  await ok.close();
  await failing.close();
});

describe('The bench without wrk (autocannon)', () => {
  it('when pages are large and binary, then every response is counted whole, with its latency, and nothing fails', async () => {
    expect(big.length).toBeGreaterThan(20_000);
    const result = await runAutocannon({ url: ok.url, connections: 4, seconds: 1, headers: { 'accept-encoding': 'br' } });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.bytes).toBeGreaterThanOrEqual(result.requests * big.length);
    expect(result.non2xx + result.socketErrors).toBe(0);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
  });

  it('when the server answers an error, then each answer counts as one', async () => {
    const result = await runAutocannon({ url: failing.url, connections: 2, seconds: 1, headers: {} });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.non2xx).toBe(result.requests);
  });

  it('when autocannon no longer has the queue whose bodies are dropped, then the bench says so instead of measuring its client', () => {
    expect(() => dropBodies({})).toThrow(/pipelinedRequests\.addBody/);
    const client = { pipelinedRequests: { addBody: (_chunk: Buffer) => 'kept' as unknown } };
    dropBodies(client);
    expect(client.pipelinedRequests.addBody(Buffer.from('x'))).toBeUndefined();
  });
});
