import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, type Agent } from '../helpers/admin.js';

let t: TestApp;
let agent: Agent;

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t, 'administrator');
  agent = await signIn(t.app, user.email);
});
afterAll(() => t.cleanup());

/** An admin page (never from the page cache) with this Accept-Encoding; the body comes decoded. */
const adminPage = (acceptEncoding: string, path = '/admin/posts') => agent.get(path).set('Accept-Encoding', acceptEncoding);

describe('Compression of pages rendered on each request', () => {
  it('when a browser accepts brotli or gzip, then the admin page comes compressed that way and reads the same', async () => {
    const plain = await adminPage('identity').expect(200);
    const br = await adminPage('gzip, deflate, br').expect(200);
    const gzip = await adminPage('gzip').expect(200);
    expect([br.headers['content-encoding'], gzip.headers['content-encoding'], plain.headers['content-encoding']]).toEqual([
      'br',
      'gzip',
      undefined,
    ]);
    expect(br.text).toBe(plain.text);
    expect(gzip.text).toBe(plain.text);
    expect(plain.text.length).toBeGreaterThan(1024);
    for (const res of [br, gzip, plain]) {
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
    }
  });

  it('when every coding is refused with q=0, then the page comes as it is', async () => {
    const res = await adminPage('gzip;q=0, br;q=0').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe((await adminPage('identity')).text);
  });

  it('when the body is under 1 KB, then it is sent as it is', async () => {
    const res = await request(t.app).get('/healthz').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('when it is a HEAD request, then nothing is compressed and no body comes', async () => {
    const res = await agent.head('/admin/posts').set('Accept-Encoding', 'br').expect(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text ?? '').toBe('');
  });

  it('when a static file is asked for, then it is still compressed (streamed)', async () => {
    const res = await request(t.app).get('/css/site.css').set('Accept-Encoding', 'br').expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.text).toContain('{');
  });

  it('when JSON is rendered (the editor preview), then it is compressed like a page', async () => {
    const form = await agent.get('/admin/posts/new').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const markdown = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} of a long preview.`).join('\n\n');
    const res = await agent
      .post('/admin/preview')
      .set('Accept-Encoding', 'gzip')
      .set('x-csrf-token', token)
      .type('form')
      .send({ _csrf: token, content: markdown, title: 'Preview' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(JSON.stringify(res.body)).toContain('Paragraph 59');
  });
});
