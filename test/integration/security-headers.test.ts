/**
 * The headers that tell browsers what a page may do (docs/decisions/012-security-headers.md), on
 * every kind of answer — and the same on a page sent from the page cache as on a fresh one.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import type { PageCache } from '../../src/cache/page-cache.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
/** The same database behind a proxy it trusts (TRUST_PROXY=1). */
let proxied: Express;

beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'headers', title: 'Headers' });
  proxied = createApp({
    db: t.db,
    env: { BASE_URL: 'https://blog.test', TRUST_PROXY: '1', NODE_ENV: 'test', DATA_DIR: t.dir },
    sessionSecret: 's'.repeat(40),
    log: (err) => t.errors.push(err),
  });
  // The first page view writes the settings row (a content write); later ones only read it.
  await request(t.app).get('/').expect(200);
});
afterAll(() => t.cleanup());

/** The headers a browser acts on for security, as sent. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'permissions-policy',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-powered-by',
  'x-xss-protection',
];

function securityHeadersOf(res: { headers: Record<string, unknown> }): Record<string, unknown> {
  return Object.fromEntries(SECURITY_HEADERS.map((name) => [name, res.headers[name]]));
}

/** The policy as a map of directive → sources. */
function cspOf(res: { headers: Record<string, unknown> }): Map<string, string> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name!, sources.join(' ')];
      }),
  );
}

/** Asks `get` for a page until the answer comes from memory (a write may have just emptied it). */
async function fromCache(get: () => request.Test) {
  for (let i = 0; i < 5; i++) {
    const res = await get();
    if (res.headers['x-cache'] === 'HIT') return res;
  }
  throw new Error('the page never came from the cache');
}

describe('the headers of a public page', () => {
  it('when a post is served, then its policy allows scripts and styles from the site only', async () => {
    const res = await request(t.app).get('/posts/headers/').expect(200);
    const csp = cspOf(res);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('script-src-attr')).toBe("'none'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('img-src')).toBe("'self' https:");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'self'");
    expect(csp.get('form-action')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('frame-src')).toBe("'none'");
    for (const sources of csp.values()) expect(sources).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:/);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('when a post is served, then it may not be framed, sniffed or given powerful features', async () => {
    const res = await request(t.app).get('/posts/headers/').expect(200);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'interest-cohort']) {
      expect(res.headers['permissions-policy']).toContain(`${feature}=()`);
    }
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when a page comes from the cache, then it carries exactly the security headers of a fresh one', async () => {
    const fresh = await request(t.app)
      .get('/posts/headers/')
      .set('Cookie', 'byline.sid=s%3Anobody')
      .expect(200);
    expect(fresh.headers['x-cache']).toBe('BYPASS');
    const cached = await fromCache(() => request(t.app).get('/posts/headers/'));
    expect(securityHeadersOf(cached)).toEqual(securityHeadersOf(fresh));
  });

  it('when the HTTP server answers from memory before Express (as src/server.ts does), then the headers are the same', async () => {
    const cache = t.app.locals.pageCache as PageCache;
    const fromMemory: string[] = [];
    const server = http.createServer((req, res) => {
      if (cache.serveFromMemory(req, res)) fromMemory.push(req.url ?? '');
      else t.app(req, res);
    });
    const fresh = await request(t.app)
      .get('/posts/headers/')
      .set('Cookie', 'byline.sid=s%3Anobody')
      .expect(200);
    await fromCache(() => request(t.app).get('/posts/headers/'));
    const hit = await request(server).get('/posts/headers/').expect(200);
    expect(fromMemory).toEqual(['/posts/headers/']);
    expect(securityHeadersOf(hit)).toEqual(securityHeadersOf(fresh));
  });

  it('when a page does not exist, then the 404 carries the same headers, fresh or cached', async () => {
    const fresh = await request(t.app).get('/no-such-page/').expect(404);
    expect(cspOf(fresh).get('script-src')).toBe("'self'");
    expect(fresh.headers['x-frame-options']).toBe('DENY');
    const cached = await fromCache(() => request(t.app).get('/no-such-page/'));
    expect(cached.status).toBe(404);
    expect(securityHeadersOf(cached)).toEqual(securityHeadersOf(fresh));
  });

  it('when a stylesheet is served, then it is nosniff and may be loaded by other sites', async () => {
    const res = await request(t.app).get('/css/site.css').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('the headers of the admin', () => {
  it('when the sign-in page is served, then it may not be framed and is nobody else’s resource', async () => {
    const res = await request(t.app).get('/admin/login').expect(200);
    expect(cspOf(res).get('frame-ancestors')).toBe("'none'");
    expect(cspOf(res).get('script-src')).toBe("'self'");
    expect(cspOf(res).get('form-action')).toBe("'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when an anonymous visitor is sent to sign in, then the redirect carries the headers too', async () => {
    const res = await request(t.app).get('/admin/posts').expect(302);
    expect(cspOf(res).get('frame-ancestors')).toBe("'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('HSTS: only over HTTPS', () => {
  it('when a page is asked for over plain HTTP, then there is no Strict-Transport-Security', async () => {
    const res = await request(t.app).get('/posts/headers/').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when X-Forwarded-Proto says https but no proxy is trusted, then there is no Strict-Transport-Security', async () => {
    const res = await request(t.app).get('/admin/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('when a trusted proxy says https, then Strict-Transport-Security is sent', async () => {
    const page = await request(proxied).get('/admin/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await request(proxied).get('/admin/login').set('X-Forwarded-Proto', 'http').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });

  it('when a page cached from an HTTPS request is asked for over HTTP, then it comes without HSTS, and with it over HTTPS', async () => {
    const overHttps = () => request(proxied).get('/posts/headers/').set('X-Forwarded-Proto', 'https');
    const first = await overHttps().expect(200);
    expect(first.headers['strict-transport-security']).toBe('max-age=31536000');
    await fromCache(overHttps);

    const plain = await fromCache(() => request(proxied).get('/posts/headers/'));
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await fromCache(overHttps);
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('when the HTTP server answers from memory, then HSTS follows each request, not the cached page', async () => {
    const cache = proxied.locals.pageCache as PageCache;
    let fromMemory = 0;
    const server = http.createServer((req, res) => {
      if (cache.serveFromMemory(req, res)) fromMemory++;
      else proxied(req, res);
    });
    await fromCache(() => request(proxied).get('/posts/headers/').set('X-Forwarded-Proto', 'https'));
    const secure = await request(server).get('/posts/headers/').set('X-Forwarded-Proto', 'https').expect(200);
    const plain = await request(server).get('/posts/headers/').expect(200);
    expect(fromMemory).toBe(2);
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(
      securityHeadersOf({ headers: { ...secure.headers, 'strict-transport-security': undefined } }),
    ).toEqual(securityHeadersOf(plain));
  });
});
