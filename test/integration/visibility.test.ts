import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { publicSql, publicWhere } from '../../src/models/visibility.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

const DAY = 86_400_000;
let t: TestApp;
const hidden: { slug: string; title: string; why: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const now = Date.now();
  await addPost(t, { slug: 'visible-one', title: 'Visible One', tags: ['shared'], markdown: 'zebra visible' });
  await addPost(t, { slug: 'visible-two', title: 'Visible Two', tags: ['shared'], markdown: 'zebra visible' });
  const cases = [
    { slug: 'a-draft', title: 'A Draft', why: 'draft', status: 'draft' as const, publishedAt: new Date(now - DAY) },
    { slug: 'a-future', title: 'A Future', why: 'future', status: 'published' as const, publishedAt: new Date(now + DAY) },
    { slug: 'a-scheduled', title: 'A Scheduled', why: 'scheduled', status: 'scheduled' as const, publishedAt: new Date(now + DAY) },
    {
      slug: 'an-expired',
      title: 'An Expired',
      why: 'expired',
      status: 'published' as const,
      publishedAt: new Date(now - 2 * DAY),
      expiresAt: new Date(now - DAY),
    },
  ];
  for (const c of cases) {
    await addPost(t, { ...c, tags: ['shared', `only-${c.slug}`], markdown: 'zebra hidden' });
    hidden.push(c);
  }
});
afterAll(() => t.cleanup());

describe('posts that are not public', () => {
  const surfaces = ['/', '/posts/', '/tags/', '/tags/shared/', '/archives/', '/search/?q=zebra', '/index.xml', '/tags/shared/index.xml', '/sitemap.xml'];

  it.each(surfaces)('when a reader opens %s, then no draft, future, scheduled or expired post appears', async (url) => {
    const res = await request(t.app).get(url).expect(200);
    for (const h of hidden) {
      expect(res.text, h.why).not.toContain(h.title);
      expect(res.text, h.why).not.toContain(`/posts/${h.slug}/`);
      expect(res.text, h.why).not.toContain(`only-${h.slug}`);
    }
    if (url !== '/tags/') expect(res.text).toContain('visible-one');
  });

  it('when a reader opens a visible post, then its previous/next links skip hidden posts', async () => {
    const res = await request(t.app).get('/posts/visible-one/').expect(200);
    for (const h of hidden) expect(res.text).not.toContain(`/posts/${h.slug}/`);
    expect(res.text).toContain('/posts/visible-two/');
  });

  it.each(['a-draft', 'a-future', 'a-scheduled', 'an-expired'])('when a reader opens /posts/%s/, then it is 404', async (slug) => {
    await request(t.app).get(`/posts/${slug}/`).expect(404);
  });

  it('when a scheduled post\'s moment passes, then it is public with no job having run', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).not.toContain('Just Now');
    await addPost(t, { slug: 'just-now', title: 'Just Now', status: 'scheduled', publishedAt: new Date(Date.now() + 300) });
    await new Promise((r) => setTimeout(r, 400));
    expect((await request(t.app).get('/').expect(200)).text).toContain('Just Now');
    await request(t.app).get('/posts/just-now/').expect(200);
  });

  it('when the rule is asked in Prisma and in SQL, then both give the same posts', async () => {
    const now = new Date();
    const viaPrisma = await t.db.post.findMany({ where: publicWhere(now), select: { id: true }, orderBy: { id: 'asc' } });
    const sql = publicSql(now);
    const viaSql = await t.db.$queryRawUnsafe<{ id: number }[]>(
      `SELECT p.id AS id FROM Post p WHERE ${sql.sql} ORDER BY p.id`,
      ...sql.params,
    );
    expect(viaSql.map((r) => Number(r.id))).toEqual(viaPrisma.map((r) => r.id));
    expect(viaPrisma.length).toBeGreaterThanOrEqual(2);
  });
});
