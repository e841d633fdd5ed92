import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { formFields, idFrom, submitForm } from '../helpers/editor-form.js';
import { textOf } from '../helpers/html.js';

let t: TestApp;
let editor: Agent;
let n = 0;
const uid = () => `${Date.now().toString(36)}${++n}`;

beforeAll(async () => {
  t = await createTestApp();
  editor = await signIn(t.app, (await makeUser(t, 'editor')).email);
});
afterAll(() => t.cleanup());

async function createPage(fields: Record<string, string>) {
  const res = await submitForm(editor, '/admin/pages/new', '/admin/pages/new', fields);
  expect(res.status).toBe(303);
  const id = idFrom(res.headers.location);
  expect(res.headers.location).toBe(`/admin/pages/${id}/edit`);
  return t.db.post.findUniqueOrThrow({ where: { id } });
}

describe('static pages', () => {
  it('when the page editor opens, then it has the labelled fields and a Save button', async () => {
    const html = (await editor.get('/admin/pages/new').expect(200)).text;
    for (const [label, name] of [
      ['Title', 'title'], ['Slug', 'slug'], ['Summary', 'summary'], ['Description', 'description'], ['Content', 'content'],
      ['Tags', 'tags'], ['Status', 'status'], ['Publish at', 'publishAt'], ['Cover image', 'coverImage'],
    ]) {
      expect(html).toContain(`<label for="${name}">${label}</label>`);
      expect(html).toMatch(new RegExp(`id="${name}" name="${name}"`));
    }
    expect(html).toMatch(/<button type="submit" class="primary">Save<\/button>/);
    expect(html).toContain('<code>/<span data-slug-echo>');
  });

  it('when an editor publishes a page, then it lives at /<slug>/ and in the menu, and not among the posts', async () => {
    const title = `About us ${uid()}`;
    const page = await createPage({ title, content: 'We write **things**.', status: 'published' });
    expect(page.type).toBe('page');
    const pub = await request(t.app).get(`/${page.slug}/`).expect(200);
    expect(pub.text).toContain('<strong>things</strong>');
    expect((await request(t.app).get('/').expect(200)).text).toContain(`href="/${page.slug}/"`);
    await request(t.app).get(`/posts/${page.slug}/`).expect(404);
    expect((await editor.get('/admin/pages').expect(200)).text).toContain(title);
    expect((await editor.get('/admin/posts').expect(200)).text).not.toContain(title);
  });

  it("when a published page's slug changes, then /<old>/ answers 301 to /<new>/", async () => {
    const page = await createPage({ title: `Contact ${uid()}`, status: 'published' });
    const url = `/admin/pages/${page.id}/edit`;
    const slug = `reach-us-${uid()}`;
    expect((await submitForm(editor, url, url, { slug })).status).toBe(303);
    const moved = await request(t.app).get(`/${page.slug}/`).expect(301);
    expect(moved.headers.location).toBe(`/${slug}/`);
    await request(t.app).get(`/${slug}/`).expect(200);
  });

  it('when a page is unpublished or trashed, then its URL is 404 and it leaves the menu', async () => {
    const page = await createPage({ title: `Short lived ${uid()}`, status: 'published' });
    const url = `/admin/pages/${page.id}/edit`;
    expect((await submitForm(editor, url, url, { status: 'draft' })).status).toBe(303);
    await request(t.app).get(`/${page.slug}/`).expect(404);
    expect((await request(t.app).get('/').expect(200)).text).not.toContain(`href="/${page.slug}/"`);

    expect((await submitForm(editor, url, url, { status: 'published' })).status).toBe(303);
    await request(t.app).get(`/${page.slug}/`).expect(200);
    const edit = (await editor.get(url).expect(200)).text;
    const del = `/admin/pages/${page.id}/delete`;
    await editor.post(del).type('form').send(formFields(edit, del)).expect(303);
    await request(t.app).get(`/${page.slug}/`).expect(404);
    expect(textOf((await editor.get('/admin/pages?status=trash').expect(200)).text)).toContain(page.title);
  });

  it('when a page takes a slug the site uses for something else, then the slug is refused (400)', async () => {
    const res = await submitForm(editor, '/admin/pages/new', '/admin/pages/new', { title: 'Tags', slug: '', content: 'Mine.' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="slug-error">[^<]*another part of the site/);
    expect(formFields(res.text, '/admin/pages/new').content).toBe('Mine.');
  });

  it('when a page is saved twice, then its revisions are listed with a diff', async () => {
    const page = await createPage({ title: `Revised ${uid()}`, content: 'first' });
    const url = `/admin/pages/${page.id}/edit`;
    await submitForm(editor, url, url, { content: 'second' });
    const html = (await editor.get(`/admin/pages/${page.id}/revisions`).expect(200)).text;
    expect(html.match(/<section class="card revision"/g)).toHaveLength(2);
    expect(html).toMatch(/<del class="diff-line-removed">.*first<\/del>/);
  });

  it.each(['author', 'contributor'] as const)('when an %s tries the pages, then every page route is 403 and nothing is made', async (role) => {
    const page = await createPage({ title: `Guarded ${uid()}`, status: 'published' });
    const agent = await signIn(t.app, (await makeUser(t, role)).email);
    const token = await tokenFrom(agent, '/admin/posts');
    for (const url of ['/admin/pages', '/admin/pages/new', `/admin/pages/${page.id}/edit`, `/admin/pages/${page.id}/revisions`]) {
      await agent.get(url).expect(403);
    }
    const title = `Sneaky ${uid()}`;
    await agent.post('/admin/pages/new').type('form').send({ title, content: 'x', status: 'draft', _csrf: token }).expect(403);
    await agent.post(`/admin/pages/${page.id}/edit`).type('form').send({ title, slug: page.slug, status: 'published', version: '1', _csrf: token }).expect(403);
    await agent.post(`/admin/pages/${page.id}/delete`).type('form').send({ _csrf: token }).expect(403);
    expect(await t.db.post.count({ where: { title } })).toBe(0);
    expect((await t.db.post.findUniqueOrThrow({ where: { id: page.id } })).deletedAt).toBeNull();
  });
});
