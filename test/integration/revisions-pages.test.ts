/**
 * The revisions pages of a post with many or long revisions: the list goes a page at a time and
 * shows long revisions' changes on their own pages; each revision's page shows its diff and
 * restores it.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, signIn, type Agent } from '../helpers/admin.js';
import { activeContentIn } from '../helpers/inert.js';

let t: TestApp;
let editor: Agent;
let editorId: number;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t, 'editor');
  editorId = user.id;
  editor = await signIn(t.app, user.email);
});
afterAll(() => t.cleanup());

/** A post whose current text is `markdown`, with revisions holding `older` texts (oldest first), then the current one. */
async function postWithRevisions(markdown: string, older: string[], overrides: { authorId?: number } = {}) {
  const post = await addPost(t, { slug: `revised-${uid()}`, title: 'Revised', markdown, status: 'draft' });
  const authorId = overrides.authorId ?? editorId;
  await t.db.post.update({ where: { id: post.id }, data: { authorId } });
  const base = Date.UTC(2025, 0, 1);
  const texts = [...older, markdown];
  for (const [i, text] of texts.entries()) {
    await t.db.revision.create({
      data: { postId: post.id, authorId, title: 'Revised', summarySource: '', markdown: text, createdAt: new Date(base + i * 60_000) },
    });
  }
  const revisions = await t.db.revision.findMany({ where: { postId: post.id }, orderBy: { id: 'asc' }, select: { id: true } });
  return { id: post.id, revisionIds: revisions.map((r) => r.id) };
}

const cardsOf = (html: string) => html.match(/<section class="card revision"[\s\S]*?<\/section>/g) ?? [];
const lines = (count: number, word: string) => Array.from({ length: count }, (_, i) => `${word} line ${i} ${'x'.repeat(60)}`).join('\n');

describe('the list of revisions', () => {
  it('when a post has more revisions than a page holds, then the list goes through them a page at a time, newest first', async () => {
    const { id, revisionIds } = await postWithRevisions('now', Array.from({ length: 24 }, (_, i) => `text ${i}`));

    const first = await editor.get(`/admin/posts/${id}/revisions`).expect(200);
    const second = await editor.get(`/admin/posts/${id}/revisions?page=2`).expect(200);

    expect(cardsOf(first.text)).toHaveLength(20);
    expect(cardsOf(second.text)).toHaveLength(5);
    expect(cardsOf(first.text)[0]).toContain(`id="revision-${revisionIds.at(-1)}"`);
    expect(cardsOf(second.text).at(-1)).toContain(`id="revision-${revisionIds[0]}"`);
    expect(first.text).toContain(`href="/admin/posts/${id}/revisions?page=2"`);
    expect(first.text).toContain('the current text');
  });

  it.each(['3', '0', 'abc', '01'])('when the list is asked for page %s that does not exist, then it is 404', async (page) => {
    const { id } = await postWithRevisions('now', ['before']);
    await editor.get(`/admin/posts/${id}/revisions?page=${page}`).expect(404);
  });

  it('when revisions are long, then the list shows their sizes and links each to its own page instead of a diff', async () => {
    const { id, revisionIds } = await postWithRevisions(lines(3000, 'now'), [lines(3000, 'before')]);

    const page = await editor.get(`/admin/posts/${id}/revisions`).expect(200);

    const older = cardsOf(page.text)[1]!;
    expect(older).not.toContain('class="diff"');
    expect(older).toMatch(/\d+ KB/);
    expect(older).toContain(`href="/admin/posts/${id}/revisions/${revisionIds[0]}"`);
  });
});

describe("a revision's own page", () => {
  it('when a long revision is opened, then its page shows what changed and Restore brings it back', async () => {
    const before = lines(3000, 'same').replace('same line 1500 ', 'old line 1500 ');
    const { id, revisionIds } = await postWithRevisions(lines(3000, 'same'), [before]);

    const page = await editor.get(`/admin/posts/${id}/revisions/${revisionIds[0]}`).expect(200);

    expect(page.text).toMatch(/<del class="diff-line-removed">.*old line 1500 /);
    expect(page.text).toMatch(/<ins class="diff-line-added">.*same line 1500 /);
    const action = `/admin/posts/${id}/revisions/${revisionIds[0]}/restore`;
    expect(page.text).toContain(`action="${action}"`);
    await editor.post(action).type('form').send({ _csrf: csrfOf(page.text) }).expect(303);
    expect((await t.db.post.findUniqueOrThrow({ where: { id } })).markdown).toBe(before);
  });

  it('when the texts differ everywhere, then the page says they are too different to show line by line', async () => {
    const { id, revisionIds } = await postWithRevisions(lines(6000, 'new'), [lines(6000, 'old')]);

    const page = await editor.get(`/admin/posts/${id}/revisions/${revisionIds[0]}`).expect(200);

    expect(page.text).toContain('Too long or too different to show line by line.');
    expect(page.text).not.toContain('class="diff"');
  });

  it('when a revision of another post is opened through this one, then it is 404', async () => {
    const a = await postWithRevisions('a', ['a0']);
    const b = await postWithRevisions('b', ['b0']);
    await editor.get(`/admin/posts/${a.id}/revisions/${b.revisionIds[0]}`).expect(404);
    await editor.get(`/admin/posts/${a.id}/revisions/abc`).expect(404);
  });

  it("when an author opens a revision of someone else's post, then it is 403", async () => {
    const author = await makeUser(t, 'author');
    const agent = await signIn(t.app, author.email);
    const { id, revisionIds } = await postWithRevisions('theirs', ['theirs before']);
    await agent.get(`/admin/posts/${id}/revisions/${revisionIds[0]}`).expect(403);
  });

  it('when no one is signed in, then a revision page sends to sign in', async () => {
    const { id, revisionIds } = await postWithRevisions('private', ['private before']);
    const res = await request(t.app).get(`/admin/posts/${id}/revisions/${revisionIds[0]}`).expect(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
  });

  it('when a revision holds hostile text, then its page carries nothing that runs', async () => {
    const hostile = '<script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[x](javascript:alert(3))';
    const { id, revisionIds } = await postWithRevisions('safe', [hostile]);

    const page = await editor.get(`/admin/posts/${id}/revisions/${revisionIds[0]}`).expect(200);

    expect(activeContentIn(page.text).filter((f) => !/^<form action=\/admin\//.test(f))).toEqual([]);
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
