/**
 * Writes no reader can see leave the readers' pages in memory: someone guessing passwords, an
 * editor's draft history, the audit log. A write a reader can see (a user's new name) does not.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, makeUser, signIn } from '../helpers/admin.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let email: string;
let userId: number;

beforeAll(async () => {
  t = await createTestApp();
  const editor = await makeUser(t, 'editor', { name: 'Ed Itor' });
  email = editor.email;
  userId = editor.id;
  await addPost(t, { slug: 'kept', title: 'Kept in memory' });
  await request(t.app).get('/');
});
afterAll(() => t.cleanup());

async function warm(url: string) {
  await request(t.app).get(url);
  expect((await request(t.app).get(url)).headers['x-cache']).toBe('HIT');
}

describe('the page cache and writes readers cannot see', () => {
  it('when someone types a wrong password, then the front page stays in memory', async () => {
    await warm('/');
    const agent = request.agent(t.app);
    const form = await agent.get('/admin/login');
    const res = await agent
      .post('/admin/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password: 'not the password at all' });
    expect(res.status).toBe(401);
    expect(await t.db.auditEntry.count({ where: { action: 'auth.sign-in-failed' } })).toBeGreaterThan(0);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userId } })).failedLogins).toBe(1);
    expect((await request(t.app).get('/')).headers['x-cache']).toBe('HIT');
  });

  it('when a signed-in editor moves around the admin, then the front page stays in memory', async () => {
    await warm('/');
    const agent = await signIn(t.app, email);
    await agent.get('/admin/posts').expect(200);
    expect((await request(t.app).get('/')).headers['x-cache']).toBe('HIT');
  });

  it('when a user gets a new name, then pages are made again (an author name can be on them)', async () => {
    await warm('/');
    await t.db.user.update({ where: { id: userId }, data: { name: 'Edith Or' } });
    expect((await request(t.app).get('/')).headers['x-cache']).toBe('MISS');
  });
});
