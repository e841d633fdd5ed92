import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { formFields } from '../helpers/editor-form.js';
import { decodeEntities } from '../helpers/html.js';
import type { RenderPool } from '../../src/work/render-pool.js';

// A render thread with a small heap, so that a text of a few hundred KB is beyond its budget.
const HEAP_MB = 32;
let t: TestApp;
let agent: Agent;
let token: string;
// 100,000 one-word list items: hundreds of bytes of tokens per byte of text.
const tooBig = '- a\n'.repeat(100_000);

beforeAll(async () => {
  t = await createTestApp({ render: { heapMb: HEAP_MB } });
  const user = await makeUser(t, 'contributor');
  agent = await signIn(t.app, user.email);
  token = await tokenFrom(agent, '/admin/posts/new');
});
afterAll(async () => {
  await (t.app.locals.renderer as RenderPool).close();
  await t.cleanup();
});

const preview = (content: string) =>
  agent
    .post('/admin/preview')
    .set('X-CSRF-Token', token)
    .set('Accept', 'application/json')
    .send({ title: 'Big', content, summary: '', description: '', publishAt: '' });

describe('renders beyond the budget', () => {
  it('when the live preview is sent a text beyond the render budget, then it answers 413 naming the limit, and the next preview renders', async () => {
    const refused = await preview(tooBig).expect(413);
    expect(refused.body.error).toContain(`${HEAP_MB} MB`);
    expect(refused.body.fields).toEqual(['content']);
    const ok = await preview('## Still here\n\nText.').expect(200);
    expect(ok.body.html).toContain('<h2 id="still-here">Still here</h2>');
  });

  it('when a draft beyond the render budget is saved, then the editor comes back with 413, the message on the content field and the text as typed, and nothing is stored', async () => {
    const page = await agent.get('/admin/posts/new').expect(200);
    const title = `Too big ${Date.now()}`;
    const fields = { ...formFields(page.text, '/admin/posts/new'), title, content: tooBig, status: 'draft' };
    const before = await t.db.post.count();
    const res = await agent.post('/admin/posts/new').type('form').send(fields).expect(413);
    expect(res.text).toContain('too large or too complex to render');
    expect(res.text).toMatch(/id="content-error"|aria-describedby="[^"]*content-error/);
    const textarea = /<textarea[^>]*name="content"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text);
    expect(decodeEntities(textarea?.[1] ?? '').replace(/^\n/, '')).toBe(tooBig);
    expect(decodeEntities(res.text)).toContain(`value="${title}"`);
    expect(await t.db.post.count()).toBe(before);
  });

  it('when the same text fits the budget, then it saves', async () => {
    const page = await agent.get('/admin/posts/new').expect(200);
    const fields = {
      ...formFields(page.text, '/admin/posts/new'),
      title: `Fits ${Date.now()}`,
      content: '- a\n'.repeat(100),
      status: 'draft',
    };
    const res = await agent.post('/admin/posts/new').type('form').send(fields).expect(303);
    expect(res.headers.location).toMatch(/^\/admin\/posts\/\d+\/edit$/);
  });
});
