/**
 * A page everyone asks for at the same moment (a post just shared, a list a publish just emptied
 * from memory) is rendered once: the other readers wait for that page instead of rendering it too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 12; i++) await addPost(t, { slug: `herd-${i}`, title: `Herd ${i}`, tags: ['herd'] });
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The first page view writes the settings row; a write while a page renders keeps it out of memory.
  await fetch(`${base}/`);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

async function burst(path: string, readers: number) {
  const answers = await Promise.all(
    Array.from({ length: readers }, () =>
      fetch(base + path).then(async (res) => ({ status: res.status, cache: res.headers.get('x-cache'), body: await res.text() })),
    ),
  );
  return answers;
}

describe('many readers asking for a page that is not in memory', () => {
  it('when 20 readers ask for the same page at once, then it is rendered once and all get the same page', async () => {
    const answers = await burst('/tags/herd/', 20);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.cache === 'MISS')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]?.body).toContain('Herd 11');
  });

  it('when the page turns out not to be kept (a 404), then every reader still gets its answer', async () => {
    const answers = await burst('/tags/no-such-tag/', 10);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(404));
  });

  it('when a post is published while readers wait, then the page they get is the one with it', async () => {
    const answers = burst('/', 10);
    await addPost(t, { slug: 'herd-late', title: 'Herd late' });
    await answers;
    const after = await burst('/', 5);
    for (const a of after) expect(a.body).toContain('Herd late');
  });
});
