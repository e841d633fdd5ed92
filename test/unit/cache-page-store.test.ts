import { describe, expect, it } from 'vitest';
import { ContentChanges } from '../../src/cache/content-changes.js';
import type { CachedPage } from '../../src/cache/page.js';
import { PageStore } from '../../src/cache/page-store.js';

const page = (bytes = 1000): CachedPage => ({
  status: 200,
  headers: { 'content-type': 'text/html' },
  hash: 'h',
  bodies: { identity: Buffer.from('x') },
  bytes,
});

/** A store on a clock the test moves, whose next scheduled moment is `next` (ms). */
async function setup(next: number | null = null, start = Date.UTC(2026, 5, 1, 12, 0, 0, 250)) {
  const clock = { now: start };
  const changes = new ContentChanges();
  const asked: Date[] = [];
  const store = new PageStore({
    changes,
    maxBytes: 80_000,
    clock: () => clock.now,
    nextChange: (after) => {
      asked.push(after);
      return Promise.resolve(next === null ? null : new Date(next));
    },
  });
  await Promise.resolve();
  return { store, changes, clock, asked };
}

describe('PageStore', () => {
  it('when a page is stored, then it is served until a content write, and not after', async () => {
    const { store, changes } = await setup();
    expect(store.put('/', page(), store.generation)).toBe(true);
    expect(store.get('/')).toBeDefined();
    changes.announce();
    expect(store.get('/')).toBeUndefined();
  });

  it('when a write happened while the page was rendered, then the page is not kept', async () => {
    const { store, changes } = await setup();
    const startedIn = store.generation;
    changes.announce();
    await Promise.resolve();
    expect(store.put('/', page(), startedIn)).toBe(false);
    expect(store.get('/')).toBeUndefined();
  });

  it('when the next scheduled moment is not known yet, then nothing is kept', async () => {
    const { store, changes } = await setup();
    changes.announce();
    // The query for the next moment has not answered yet (no await).
    expect(store.put('/', page(), store.generation)).toBe(false);
    await Promise.resolve();
    expect(store.put('/', page(), store.generation)).toBe(true);
  });

  it('when the next scheduled moment comes, then no page is served at or after it, and the next one is asked for', async () => {
    const start = Date.UTC(2026, 5, 1, 12, 0, 0);
    const { store, clock, asked } = await setup(start + 5000, start);
    store.put('/', page(), store.generation);
    clock.now = start + 4999;
    expect(store.get('/')).toBeDefined();
    clock.now = start + 5000;
    expect(store.get('/')).toBeUndefined();
    expect(asked.at(-1)?.getTime()).toBe(start + 5000);
  });

  it('when a new year begins (the footer prints it), then pages made in the old year are not served', async () => {
    const { store, clock } = await setup(null, new Date(2026, 11, 31, 23, 59, 59).getTime());
    store.put('/', page(), store.generation);
    clock.now = new Date(2027, 0, 1, 0, 0, 0).getTime();
    expect(store.get('/')).toBeUndefined();
  });

  it('when the cache is full, then it stays within its bytes', async () => {
    const { store } = await setup();
    for (let i = 0; i < 200; i++) store.put(`/p${i}/`, page(1000), store.generation);
    for (let i = 0; i < 200; i++) store.put(`/search/?q=${i}`, page(1000), store.generation);
    expect(store.stats().bytes).toBeLessThanOrEqual(80_000);
    expect(store.get('/p199/')).toBeDefined();
    expect(store.get('/p0/')).toBeUndefined();
  });

  it('when searches fill the cache, then they do not push pages out', async () => {
    const { store } = await setup();
    store.put('/', page(1000), store.generation);
    for (let i = 0; i < 500; i++) store.put(`/search/?q=${i}`, page(1000), store.generation);
    expect(store.get('/')).toBeDefined();
  });

  it('when a change happens, then Last-Modified is the next whole second, given only once that second has come', async () => {
    const start = Date.UTC(2026, 5, 1, 12, 0, 0, 250);
    const { store, clock } = await setup(null, start);
    expect(store.freshness(true).lastModifiedHeader).toBeNull();
    clock.now = start + 750;
    expect(store.freshness(true)).toMatchObject({
      lastModified: Date.UTC(2026, 5, 1, 12, 0, 1),
      lastModifiedHeader: 'Mon, 01 Jun 2026 12:00:01 GMT',
    });
  });

  it('when a page was not kept, then it is sent with no-cache and no Last-Modified', async () => {
    const { store } = await setup();
    expect(store.freshness(false)).toEqual({ cacheControl: 'no-cache', lastModified: null, lastModifiedHeader: null });
  });

  it('when the next scheduled moment is two minutes away, then Cache-Control lifetimes end before it', async () => {
    const start = Date.UTC(2026, 5, 1, 12, 0, 0);
    const { store } = await setup(start + 120_000, start);
    expect(store.freshness(true).cacheControl).toBe('public, max-age=60, s-maxage=120');
  });
});
