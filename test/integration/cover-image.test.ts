import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { activeContentIn } from '../helpers/inert.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const withCover = await addPost(t, { slug: 'with-cover', title: 'With cover' });
  await t.db.post.update({ where: { id: withCover.id }, data: { coverImage: '/media/abc/cover.png' } });
  const hostile = await addPost(t, { slug: 'hostile-cover', title: 'Hostile cover' });
  await t.db.post.update({ where: { id: hostile.id }, data: { coverImage: 'javascript:alert(1)' } });
});
afterAll(() => t.cleanup());

describe('cover images', () => {
  it('when a post has a cover image, then the post page shows it under the header', async () => {
    const res = await request(t.app).get('/posts/with-cover/').expect(200);
    expect(res.text).toContain('<figure class="entry-cover"><img src="/media/abc/cover.png"');
  });

  it('when a cover image is not a site path or https URL, then it is not shown', async () => {
    const res = await request(t.app).get('/posts/hostile-cover/').expect(200);
    expect(res.text).not.toContain('entry-cover');
    expect(activeContentIn(res.text)).toEqual([]);
  });
});
