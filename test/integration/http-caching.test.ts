/** HTTP caching as the world outside sees it: validators, 304s, Cache-Control, content codings. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { PageCache } from '../../src/cache/page-cache.js';
import { asset } from '../../src/assets.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let server: http.Server;
let port: number;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'first', title: 'First', markdown: 'Some words worth compressing. '.repeat(100) });
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

const anon = (url: string) => request(t.app).get(url);
const store = () => (t.app.locals.pageCache as PageCache).store;

/** A request as a browser sends it, the body left exactly as it came (compressed or not). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Asks for `url` until its answer carries Last-Modified (given from the second after the last change). */
async function withLastModified(url: string) {
  for (let i = 0; i < 20; i++) {
    const res = await anon(url);
    if (res.headers['last-modified']) return res;
    await sleep(100);
  }
  throw new Error(`${url} never carried Last-Modified`);
}

describe('validators and 304s', () => {
  it('when a page is asked for with its ETag, then the answer is 304 with no body', async () => {
    const first = await anon('/posts/first/').expect(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const again = await anon('/posts/first/').set('If-None-Match', first.headers.etag!).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('when the cache is cold and the ETag is still current, then the answer is 304 all the same', async () => {
    const { etag } = (await anon('/posts/first/')).headers;
    store().invalidate();
    const res = await anon('/posts/first/').set('If-None-Match', etag!).expect(304);
    expect(res.headers['x-cache']).toBe('MISS');
  });

  it('when Last-Modified is sent back as If-Modified-Since, then the answer is 304; a second earlier, 200', async () => {
    const res = await withLastModified('/');
    const lastModified = res.headers['last-modified']!;
    await anon('/').set('If-Modified-Since', lastModified).expect(304);
    await anon('/').set('If-Modified-Since', new Date(Date.parse(lastModified) - 1000).toUTCString()).expect(200);
  });

  it('when If-None-Match does not match, then If-Modified-Since is not looked at', async () => {
    const res = await withLastModified('/');
    await anon('/').set('If-None-Match', '"other"').set('If-Modified-Since', res.headers['last-modified']!).expect(200);
  });

  it('when a page not in memory is asked for with a current If-Modified-Since, then the answer is 304', async () => {
    const lastModified = (await withLastModified('/')).headers['last-modified']!;
    const res = await anon('/tags/').set('If-Modified-Since', lastModified).expect(304);
    expect(res.headers['x-cache']).toBe('MISS');
  });

  it('when a post changes, then its old ETag and old Last-Modified both get the new page', async () => {
    const before = await withLastModified('/posts/first/');
    await t.db.post.update({ where: { type_slug: { type: 'post', slug: 'first' } }, data: { title: 'First, revised' } });
    const byEtag = await anon('/posts/first/').set('If-None-Match', before.headers.etag!).expect(200);
    expect(byEtag.text).toContain('First, revised');
    const byDate = await anon('/posts/first/').set('If-Modified-Since', before.headers['last-modified']!).expect(200);
    expect(byDate.text).toContain('First, revised');
    const after = await withLastModified('/posts/first/');
    expect(Date.parse(after.headers['last-modified']!)).toBeGreaterThan(Date.parse(before.headers['last-modified']!));
  });
});

describe('Cache-Control', () => {
  it('when a public page is served, then browsers may keep it a minute and shared caches five, varying on Accept-Encoding', async () => {
    await anon('/');
    const res = await anon('/').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=60');
    expect(res.headers.vary).toBe('Accept-Encoding');
  });

  it('when a page is missing, then the 404 is public too but carries no validator', async () => {
    await anon('/posts/nowhere/');
    const res = await anon('/posts/nowhere/').expect(404);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers.etag).toBeUndefined();
  });

  it('when a scheduled post is due in 100 s, then no lifetime given reaches past its moment', async () => {
    await addPost(t, { slug: 'soon', status: 'scheduled', publishedAt: new Date(Date.now() + 100_000) });
    await anon('/');
    const res = await anon('/').expect(200);
    const seconds = [...res.headers['cache-control']!.matchAll(/=(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...seconds)).toBeLessThanOrEqual(100);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+, s-maxage=\d+$/);
  });

  it('when the admin is served, then it is no-store and never in the page cache', async () => {
    const res = await anon('/admin/login').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-cache']).toBeUndefined();
  });

  it('when a fingerprinted stylesheet is served, then it is immutable for a year', async () => {
    const res = await anon(asset('/css/site.css')).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('content codings and HEAD', () => {
  it('when clients accept brotli, gzip or neither, then each gets its coding and the same page once decoded', async () => {
    await raw('/posts/first/');
    const br = await raw('/posts/first/', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await raw('/posts/first/', { 'accept-encoding': 'gzip' });
    const plain = await raw('/posts/first/');
    const refused = await raw('/posts/first/', { 'accept-encoding': 'gzip;q=0, br;q=0' });
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(zlib.gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(refused.body.equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    const hash = (etag: string | undefined) => etag?.replace(/^"|"$/g, '').replace(/-(gz|br)$/, '');
    expect(new Set([br, gzip, plain].map((r) => r.headers.etag)).size).toBe(3);
    expect(new Set([br, gzip, plain].map((r) => hash(r.headers.etag))).size).toBe(1);
  });

  it('when a page not in memory is asked for with HEAD, then it gets headers and no body, and GET then finds it in memory', async () => {
    await addPost(t, { slug: 'headed', title: 'Headed' });
    await anon('/');
    const head = await raw('/posts/headed/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['x-cache']).toBe('MISS');
    expect(head.body.length).toBe(0);
    const get = await raw('/posts/headed/');
    expect(get.headers['x-cache']).toBe('HIT');
    expect(Number(head.headers['content-length'])).toBe(get.body.length);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('when a page in memory is asked for with HEAD, then it gets headers and no body', async () => {
    await raw('/posts/first/');
    const head = await raw('/posts/first/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['x-cache']).toBe('HIT');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });
});
