/**
 * A signed-in editor's session lasts two weeks from their last request, without an admin page view
 * writing to the database each time: the stored expiry moves only when it has fallen an hour behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, type Agent } from '../helpers/admin.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const DAY = 86_400_000;
let t: TestApp;
let agent: Agent;
let userId: number;

beforeAll(async () => {
  t = await createTestApp();
  const editor = await makeUser(t, 'editor');
  userId = editor.id;
  agent = await signIn(t.app, editor.email);
});
afterAll(() => t.cleanup());

const storedExpiry = async () => {
  const rows = await t.db.session.findMany({ where: { userId } });
  expect(rows).toHaveLength(1);
  return rows[0]!.expiresAt.getTime();
};

describe('session expiry', () => {
  it('when an editor moves between admin pages, then the stored expiry is not rewritten each time', async () => {
    // The first page after signing in shows (and so removes) the welcome message: a real change.
    await agent.get('/admin/posts').expect(200);
    const before = await storedExpiry();
    for (const url of ['/admin/posts', '/admin/pages', '/admin/posts', '/admin/account']) {
      await agent.get(url).expect(200);
    }
    expect(await storedExpiry()).toBe(before);
  });

  it('when the stored expiry has fallen behind, then the next request moves it two weeks ahead', async () => {
    await t.db.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() + DAY) } });
    const res = await agent.get('/admin/posts').expect(200);
    expect(await storedExpiry()).toBeGreaterThan(Date.now() + 13 * DAY);
    // The browser's cookie is renewed on every answer, as before.
    expect(String(res.headers['set-cookie'])).toMatch(/Expires=/);
  });

  it('when the stored expiry has passed, then the session is over whatever the cookie says', async () => {
    await t.db.session.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await agent.get('/admin/posts');
    expect(res.status).toBe(302);
    expect(res.headers.location).toMatch(/^\/admin\/login/);
  });
});
