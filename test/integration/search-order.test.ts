/** Search hands rows over in FTS5's rank order; these tests pin what that order and the limit mean. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPublicPosts } from '../../src/models/search-sqlite.js';
import { addPost } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

const now = new Date(Date.UTC(2025, 0, 1));
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await addPost(t, {
    slug: 'body-once',
    title: 'Plain',
    markdown: 'A zebra walks by among many other words here.',
  });
  await addPost(t, { slug: 'in-title', title: 'Zebra', markdown: 'Nothing more to say about it.' });
  await addPost(t, {
    slug: 'body-twice',
    title: 'Plain too',
    markdown: 'Zebra zebra, said the zebra keeper.',
  });
  // The best match of all, but not public: it must not take a place in the results.
  await addPost(t, { slug: 'draft', title: 'Zebra zebra', status: 'draft', markdown: 'Zebra zebra zebra.' });
  await addPost(t, {
    slug: 'future',
    title: 'Zebra',
    publishedAt: new Date(Date.UTC(2030, 0, 1)),
    markdown: 'Zebra.',
  });
});
afterAll(() => t.cleanup());

describe('search order', () => {
  it('when the word is in one title and in bodies, then the title match comes first and drafts and future posts never appear', async () => {
    const hits = await searchPublicPosts(t.db, 'zebra', { now, limit: 10 });
    expect(hits.map((h) => h.slug)).toEqual(['in-title', 'body-twice', 'body-once']);
  });

  it('when more public posts match than the limit, then the best ones fill it', async () => {
    const hits = await searchPublicPosts(t.db, 'zebra', { now, limit: 2 });
    expect(hits.map((h) => h.slug)).toEqual(['in-title', 'body-twice']);
  });

  it('when a hit comes back, then its snippet marks the match', async () => {
    const [hit] = await searchPublicPosts(t.db, 'keeper', { now, limit: 10 });
    expect(hit?.snippet).toContain('\u0002keeper\u0003');
  });
});
