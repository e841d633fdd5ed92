/**
 * What a client may send, and how slowly (docs/decisions/012-security-headers.md): URL length,
 * search length, bodies where nobody reads one, and the HTTP server's timeouts.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { applyServerLimits, MAX_URL_BYTES, SERVER_LIMITS } from '../../src/http/limits.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { textOf } from '../helpers/html.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'limits', title: 'Limits', markdown: 'A post about limits.' });
});
afterAll(() => t.cleanup());

describe('URL length', () => {
  it('when a URL is longer than the limit, then the answer is a 414 page that echoes none of it, and the site carries on', async () => {
    const marker = 'zzlongzz';
    const url = `/posts/${marker.repeat(Math.ceil(MAX_URL_BYTES / marker.length))}/`;
    const res = await request(t.app).get(url).expect(414);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(textOf(res.text)).toContain('That address is too long');
    expect(res.text).not.toContain(marker);
    expect(res.headers['content-security-policy']).toBeDefined();
    await request(t.app).get('/posts/limits/').expect(200);
  });

  it('when a long query follows a page, then it is the length of the whole URL that counts', async () => {
    await request(t.app)
      .get(`/posts/limits/?utm_source=${'x'.repeat(MAX_URL_BYTES)}`)
      .expect(414);
    await request(t.app)
      .post(`/admin/login?${'x'.repeat(MAX_URL_BYTES)}`)
      .expect(414);
  });

  it('when the longest search Byline accepts is sent in 4-byte characters, then it is answered, not refused as too long', async () => {
    const q = '😀'.repeat(200);
    const res = await request(t.app).get(`/search/?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
  });

  it('when a 200-character slug in 3-byte letters is asked for, then the answer is an ordinary 404', async () => {
    await request(t.app)
      .get(`/posts/${encodeURIComponent('अ'.repeat(200))}/`)
      .expect(404);
  });
});

describe('search query length', () => {
  it('when the search is longer than 200 characters, then 400 with a message, and the text is kept in the box', async () => {
    const q = `limits ${'a'.repeat(300)}`;
    const res = await request(t.app)
      .get(`/search/?q=${encodeURIComponent(q)}`)
      .expect(400);
    expect(textOf(res.text)).toContain('Search text is too long: 200 characters at most.');
    expect(res.text).toContain(`value="${q}"`);
  });

  it('when the search parameter comes twice or with brackets, then it is a 4xx or an empty search, never a 500', async () => {
    for (const query of ['q=a&q=b', 'q[]=1', 'q[a]=1', 'q=%E0%A4%A']) {
      const res = await request(t.app).get(`/search/?${query}`);
      expect(res.status, query).toBeLessThan(500);
    }
    expect(t.errors).toEqual([]);
  });
});

describe('bodies where nobody reads one', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    'when %s is sent to public paths, then the answer is 404 or 405, never a 500',
    async (method) => {
      for (const path of [
        '/',
        '/posts/limits/',
        '/search/',
        '/no/such/path',
        '/index.xml',
        '/css/site.css',
        '/media/x/y.png',
      ]) {
        const verb = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
        const res = await request(t.app)[verb](path).type('form').send('a=1');
        expect([404, 405], `${method} ${path}`).toContain(res.status);
      }
      expect(t.errors).toEqual([]);
    },
  );
});

describe('the HTTP server’s limits, on a real server', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen(overrides: Parameters<typeof applyServerLimits>[1] = {}): Promise<number> {
    const server = http.createServer((req, res) => t.app(req, res));
    applyServerLimits(server, overrides);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Opens a raw connection, writes `first`, and collects what the server says until it hangs up. */
  function rawExchange(port: number, first: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
  }

  it('when the limits are applied, then the server has them', async () => {
    const server = http.createServer();
    applyServerLimits(server);
    expect(server.headersTimeout).toBe(SERVER_LIMITS.headersTimeout);
    expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeout);
    expect(server.keepAliveTimeout).toBe(SERVER_LIMITS.keepAliveTimeout);
    expect(server.maxHeadersCount).toBe(SERVER_LIMITS.maxHeadersCount);
    expect(SERVER_LIMITS.headersTimeout).toBeLessThanOrEqual(SERVER_LIMITS.requestTimeout);
    // Longer than the 60 s idle timeout of common proxies, so they hang up first.
    expect(SERVER_LIMITS.keepAliveTimeout).toBeGreaterThan(60_000);
  });

  it('when a client sends its headers too slowly, then the server answers 408 and hangs up', async () => {
    const port = await listen({ headersTimeout: 200, requestTimeout: 400, connectionsCheckingInterval: 50 });
    const answer = await rawExchange(port, 'GET /posts/limits/ HTTP/1.1\r\nHost: blog.test\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('when a client sends its body too slowly, then the server answers 408 and hangs up', async () => {
    const port = await listen({ headersTimeout: 200, requestTimeout: 400, connectionsCheckingInterval: 50 });
    const answer = await rawExchange(
      port,
      'POST /admin/login HTTP/1.1\r\nHost: blog.test\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('when a kept-alive connection sits idle, then the server closes it', async () => {
    const port = await listen({ keepAliveTimeout: 100 });
    const answer = await rawExchange(port, 'GET /posts/limits/ HTTP/1.1\r\nHost: blog.test\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('when a URL is longer than Node’s header limit, then the server refuses it with a 4xx and carries on', async () => {
    const port = await listen();
    const answer = await rawExchange(port, `GET /${'x'.repeat(20_000)} HTTP/1.1\r\nHost: blog.test\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
    const after = await fetch(`http://127.0.0.1:${port}/posts/limits/`);
    expect(after.status).toBe(200);
  });

  it('when a 5 MB body is posted to a public page, then 404, and the same connection serves the next request', async () => {
    const port = await listen();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; socket: unknown }>((resolve, reject) => {
        const req = http.request({ port, host: '127.0.0.1', method, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
        });
        req.on('error', reject);
        if (body) req.setHeader('Content-Type', 'application/x-www-form-urlencoded');
        req.end(body);
      });
    const big = await send('POST', '/posts/limits/', Buffer.alloc(5 * 1024 * 1024, 'x'));
    const next = await send('GET', '/posts/limits/');
    agent.destroy();
    expect(big.status).toBe(404);
    expect(next.status).toBe(200);
    expect(next.socket).toBe(big.socket);
  });

  it('when the URL limit is crossed on the real server, then 414', async () => {
    const port = await listen();
    const res = await fetch(`http://127.0.0.1:${port}/${'x'.repeat(MAX_URL_BYTES)}`);
    expect(res.status).toBe(414);
  });
});
