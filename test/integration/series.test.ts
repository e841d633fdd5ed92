/** Hugo's `series` taxonomy: its own term pages, kept when the editor saves a post's tags. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceTerms } from '../../src/models/tags.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { entriesOf } from '../helpers/html.js';

let t: TestApp;
let empty: TestApp;
let first: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  empty = await createTestApp();
  first = await addPost(t, { slug: 'part-1', title: 'Part 1', tags: ['go'], series: ['Deep Dive'], publishedAt: new Date('2024-01-01T00:00:00Z') });
  await addPost(t, { slug: 'part-2', title: 'Part 2', series: ['Deep Dive'], publishedAt: new Date('2024-01-02T00:00:00Z') });
  await addPost(t, { slug: 'other', title: 'Other', tags: ['go'], publishedAt: new Date('2024-01-03T00:00:00Z') });
  await addPost(empty, { slug: 'plain' });
});
afterAll(async () => {
  await t.cleanup();
  await empty.cleanup();
});

describe('series', () => {
  it('when a series term page is read, then it lists the series\' posts in list order', async () => {
    const res = await request(t.app).get('/series/deep-dive/').expect(200);
    expect(entriesOf(res.text).map((e) => e.title)).toEqual(['Part 2', 'Part 1']);
  });

  it('when /series/ is read, then it lists the series with their counts', async () => {
    const res = await request(t.app).get('/series/').expect(200);
    expect(res.text).toContain('Deep Dive');
    expect(res.text).toContain('/series/deep-dive/');
  });

  it('when a series feed is read, then it is RSS with the series\' posts, like Hugo\'s', async () => {
    const res = await request(t.app).get('/series/deep-dive/index.xml').expect(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    expect(res.text).toContain('<title>Part 2</title>');
    expect(res.text).toContain('<title>Part 1</title>');
  });

  it('when no post has a series, then /series/ is not found, like /categories/', async () => {
    await request(empty.app).get('/series/').expect(404);
    await request(t.app).get('/series/nothing-here/').expect(404);
  });

  it('when the editor saves only tags and categories, then the post keeps its series', async () => {
    await t.db.$transaction((tx) => replaceTerms(tx, first.id, { tags: ['rust'], categories: [] }));
    const terms = await t.db.postTag.findMany({ where: { postId: first.id }, select: { tag: { select: { taxonomy: true, slug: true } } } });
    expect(terms.map((x) => `${x.tag.taxonomy}/${x.tag.slug}`).sort()).toEqual(['series/deep-dive', 'tags/rust']);
    const res = await request(t.app).get('/series/deep-dive/').expect(200);
    expect(entriesOf(res.text).map((e) => e.title)).toEqual(['Part 2', 'Part 1']);
  });
});
