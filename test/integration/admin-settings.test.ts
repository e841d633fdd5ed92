import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { decodeEntities, entriesOf } from '../helpers/html.js';
import { getSettings, updateSettings } from '../../src/models/settings.js';

let t: TestApp;
let admin: Agent;

const defaults = {
  title: 'Byline',
  description: '',
  author: '',
  baseUrl: '',
  postsPerPage: 10,
  timeZone: 'UTC',
  dateFormat: 'January 2, 2006',
  showAuthor: false,
  showReadingTime: true,
  requireAdminTwoFactor: false,
};

/** A complete, valid form as the page sends it (checkboxes present only when ticked). */
const form = (overrides: Record<string, string | undefined> = {}) => {
  const fields: Record<string, string | undefined> = {
    title: 'My Blog',
    description: 'Notes',
    author: 'Ada',
    baseUrl: 'https://blog.example.com/',
    postsPerPage: '5',
    timeZone: 'Europe/Paris',
    dateFormat: '2 Jan 2006',
    showReadingTime: 'on',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
};

async function save(agent: Agent, fields: Record<string, string>) {
  const token = await tokenFrom(agent, '/admin/settings');
  return agent
    .post('/admin/settings')
    .type('form')
    .send({ ...fields, _csrf: token });
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, (await makeUser(t, 'administrator')).email);
  await addPost(t, {
    title: 'First',
    publishedAt: new Date('2024-03-01T23:30:00Z'),
    markdown: 'word '.repeat(600),
  });
  await addPost(t, { title: 'Second', publishedAt: new Date('2024-03-02T10:00:00Z') });
  await addPost(t, { title: 'Third', publishedAt: new Date('2024-03-03T10:00:00Z') });
});
beforeEach(() => updateSettings(t.db, defaults));
afterAll(() => t.cleanup());

describe('who may change settings', () => {
  it('when nobody is signed in, then /admin/settings sends them to sign in', async () => {
    const res = await request(t.app).get('/admin/settings').expect(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fsettings');
  });

  it.each(['editor', 'author', 'contributor'] as const)(
    'when the %s opens or posts settings, then the answer is 403',
    async (role) => {
      const agent = await signIn(t.app, (await makeUser(t, role)).email);
      await agent.get('/admin/settings').expect(403);
      const token = await tokenFrom(admin, '/admin/settings');
      await agent
        .post('/admin/settings')
        .type('form')
        .send({ ...form(), _csrf: token })
        .expect(403);
      expect((await getSettings(t.db)).title).toBe('Byline');
    },
  );

  it('when the form comes without a CSRF token, then it is refused and nothing changes', async () => {
    await admin.post('/admin/settings').type('form').send(form()).expect(403);
    expect((await getSettings(t.db)).title).toBe('Byline');
  });
});

describe('the settings form', () => {
  it('when an administrator opens it, then every field is labelled and shows the saved value', async () => {
    const res = await admin.get('/admin/settings').expect(200);
    for (const [id, label] of [
      ['title', 'Site title'],
      ['description', 'Description'],
      ['author', 'Author'],
      ['baseUrl', 'Base URL'],
      ['postsPerPage', 'Posts per page'],
      ['timeZone', 'Time zone'],
      ['dateFormat', 'Date format'],
      ['showReadingTime', 'Show reading time'],
      ['showAuthor', 'Show author'],
      ['requireAdminTwoFactor', 'Require two-factor sign-in for administrators'],
    ]) {
      expect(res.text).toContain(`<label for="${id}">${label}</label>`);
    }
    expect(res.text).toMatch(/<input id="title" name="title"[^>]*value="Byline"/);
    expect(res.text).toContain('<option value="UTC" selected>UTC</option>');
    expect(res.text).toContain('<option value="Europe/Paris">Europe/Paris</option>');
    expect(res.text).toMatch(/<input id="showReadingTime"[^>]* checked>/);
    expect(res.text).not.toMatch(/<input id="showAuthor"[^>]* checked>/);
  });

  it('when the date format is shown, then today is previewed in it', async () => {
    await updateSettings(t.db, { dateFormat: '2006/01/02' });
    const res = await admin.get('/admin/settings').expect(200);
    expect(res.text).toMatch(/class="date-preview">\d{4}\/\d{2}\/\d{2}</);
  });

  it('when valid settings are saved, then they are stored (trimmed) and a message confirms it', async () => {
    const res = await save(admin, form({ title: '  My Blog  ' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/settings');
    expect(await getSettings(t.db)).toEqual({
      title: 'My Blog',
      description: 'Notes',
      author: 'Ada',
      baseUrl: 'https://blog.example.com',
      postsPerPage: 5,
      timeZone: 'Europe/Paris',
      dateFormat: '2 Jan 2006',
      showReadingTime: true,
      showAuthor: false,
      requireAdminTwoFactor: false,
    });
    expect((await admin.get('/admin/settings')).text).toContain('Settings saved.');
  });

  it('when a checkbox is left unticked, then the setting is turned off', async () => {
    await save(admin, form({ showReadingTime: undefined, showAuthor: 'on' })).then((r) =>
      expect(r.status).toBe(303),
    );
    expect(await getSettings(t.db)).toMatchObject({ showReadingTime: false, showAuthor: true });
  });

  it.each([
    ['title', '', 'Enter the site title.'],
    ['postsPerPage', '0', 'Enter a whole number from 1 to 100.'],
    ['postsPerPage', '101', 'Enter a whole number from 1 to 100.'],
    ['postsPerPage', '2.5', 'Enter a whole number from 1 to 100.'],
    ['postsPerPage', 'ten', 'Enter a whole number from 1 to 100.'],
    ['timeZone', 'Mars/Olympus_Mons', 'Choose a time zone from the list.'],
    ['timeZone', '+02:00', 'Choose a time zone from the list.'],
    ['baseUrl', 'ftp://example.com', 'Enter an absolute http(s) URL'],
    ['baseUrl', 'example.com', 'Enter an absolute http(s) URL'],
    ['baseUrl', 'javascript:alert(1)', 'Enter an absolute http(s) URL'],
    ['baseUrl', 'https://example.com/?q=1', 'Enter an absolute http(s) URL'],
    ['dateFormat', 'hello', 'The format needs at least one part of the reference date'],
    ['dateFormat', '', 'Enter a date format.'],
    ['showAuthor', 'maybe', 'Tick the box or leave it empty.'],
    ['requireAdminTwoFactor', 'maybe', 'Tick the box or leave it empty.'],
  ])(
    'when %s is "%s", then the form comes back with 400, the message and what was typed',
    async (field, value, message) => {
      const res = await save(admin, form({ [field]: value, author: 'Typed <b>author</b>' }));
      expect(res.status).toBe(400);
      const html = decodeEntities(res.text);
      expect(html).toContain(message);
      expect(res.text).toContain(`id="${field}-error"`);
      expect(res.text).toMatch(
        new RegExp(
          `id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"|<select id="${field}"[^>]*aria-invalid="true"`,
        ),
      );
      expect(res.text).toContain('value="Typed &lt;b&gt;author&lt;/b&gt;"');
      expect((await getSettings(t.db)).title).toBe('Byline');
    },
  );

  it('when "Preview date format" is pressed, then the typed format is previewed and nothing is saved', async () => {
    const res = await save(admin, form({ dateFormat: 'Monday 2006', action: 'preview' }));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      /class="date-preview">(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{4}</,
    );
    expect(res.text).toContain('value="Monday 2006"');
    expect((await getSettings(t.db)).dateFormat).toBe('January 2, 2006');
  });
});

describe('the public site follows the settings on the next request', () => {
  it('when posts per page is 2, then the front page lists 2 posts and links to page 2', async () => {
    expect(entriesOf((await request(t.app).get('/').expect(200)).text)).toHaveLength(3);
    await save(admin, form({ postsPerPage: '2' }));
    const res = await request(t.app).get('/').expect(200);
    expect(entriesOf(res.text).map((e) => e.title)).toEqual(['Third', 'Second']);
    expect(res.text).toContain('href="/page/2/"');
    expect(entriesOf((await request(t.app).get('/page/2/').expect(200)).text).map((e) => e.title)).toEqual([
      'First',
    ]);
  });

  it('when the date format and time zone change, then the front page meta line uses them', async () => {
    await save(admin, form({ dateFormat: '2006-01-02', timeZone: 'Asia/Tokyo', postsPerPage: '10' }));
    const first = entriesOf((await request(t.app).get('/').expect(200)).text).find(
      (e) => e.title === 'First',
    );
    // 2024-03-01 23:30 UTC is already 2 March in Tokyo.
    expect(first?.meta).toMatch(/^2024-03-02 · \d+ min$/);
  });

  it('when show reading time is turned off, then "N min" is gone from the meta lines', async () => {
    const before = entriesOf((await request(t.app).get('/').expect(200)).text);
    expect(before.every((e) => / · \d+ min/.test(e.meta))).toBe(true);
    await save(admin, form({ showReadingTime: undefined, postsPerPage: '10' }));
    const after = entriesOf((await request(t.app).get('/').expect(200)).text);
    expect(after.length).toBe(3);
    for (const e of after) expect(e.meta).not.toMatch(/min/);
  });

  it('when the site title changes, then the front page shows it, escaped', async () => {
    await save(admin, form({ title: 'Ada <script>alert(1)</script>' }));
    const res = await request(t.app).get('/').expect(200);
    expect(res.text).toContain('Ada &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)');
  });
});
