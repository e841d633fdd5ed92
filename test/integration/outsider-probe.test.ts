/**
 * An outsider probing the running app, and finding nothing: the readable index of what keeps
 * strangers out. Admin routes, CSRF, session fixation, cookie flags, open redirects, user
 * enumeration, script in every field an editor can write, oversized bodies, nonsense URLs and
 * brute force — each probed here against the real app on a real SQLite file. Other files go
 * deeper into each point (auth.test.ts, admin-limits.test.ts, hostile-content.test.ts …).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Express } from 'express';
import request from 'supertest';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppDeps } from '../../src/app.js';
import { requireUser } from '../../src/auth/guards.js';
import { sqlitePath } from '../../src/db.js';
import { uploadsDir } from '../../src/media/storage.js';
import { addPost, BASE_URL } from '../helpers/app.js';
import { csrfOf, makeUser, PASSWORD, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { formFields, idFrom, submitForm } from '../helpers/editor-form.js';
import { hrefsOf, textOf } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';

let t: TestDb;
let app: Express;
const errors: unknown[] = [];
let admin: Agent;
let adminEmail: string;
let postId: number;

/** The app as deployed, on its own database; sign-in limits high enough for the probes that sign in often. */
function makeApp(overrides: Partial<AppDeps> = {}): Express {
  return createApp({
    db: t.db,
    env: { BASE_URL, TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir, UPLOAD_MAX_MB: 1 },
    sessionSecret: 'outsider-secret-outsider-secret-0123456',
    log: (err) => errors.push(err),
    loginLimits: { perIp: 10_000, perAccount: 10_000, windowMs: 60_000 },
    ...overrides,
  });
}

beforeAll(async () => {
  t = await createTestDb();
  app = makeApp();
  const user = await makeUser(t, 'administrator');
  adminEmail = user.email;
  admin = await signIn(app, adminEmail);
  ({ id: postId } = await addPost(t, { slug: 'probe', title: 'Probe', markdown: 'Something to find.' }));
  // The first page view writes the settings row; from then on a page view writes nothing.
  await request(app).get('/').expect(200);
});
afterAll(async () => {
  expect(errors, 'no request may end in a logged 5xx').toEqual([]);
  await t.cleanup();
});

/* ------------------------------------------------------------------ helpers -- */

/**
 * Everything an outsider could change: every table but the sessions (an anonymous visit to the
 * sign-in page rightly starts one), as a hash per table, and the files under uploads/.
 */
function snapshot(): Record<string, string> {
  const sqlite = new Database(sqlitePath(t.url), { readonly: true });
  try {
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'Session' ORDER BY name")
      .all() as { name: string }[];
    const state: Record<string, string> = {};
    for (const { name } of tables) {
      const rows = sqlite
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
        .raw()
        .all();
      const json = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      state[name] = crypto.createHash('sha256').update(json).digest('hex');
    }
    const uploads = uploadsDir(t.dir);
    state['uploads/'] = fs.existsSync(uploads)
      ? fs.readdirSync(uploads, { recursive: true }).map(String).sort().join('\n')
      : '';
    return state;
  } finally {
    sqlite.close();
  }
}

interface AdminRoute {
  method: 'get' | 'post';
  path: string;
  /** Registered after requireUser: only a signed-in user may reach it. */
  signedIn: boolean;
}

interface Layer {
  rawPath?: unknown;
  handle: { stack?: Layer[] } & ((...args: never[]) => unknown);
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** Every route of the admin, read from the app itself, so a route added tomorrow is probed too. */
function adminRoutes(): AdminRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const mount = root.find((l) => l.rawPath === '/admin');
  if (!mount?.handle.stack) throw new Error('no router mounted at /admin');
  const routes: AdminRoute[] = [];
  let signedIn = false;
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.handle === (requireUser as unknown)) signedIn = true;
      if (layer.route && typeof layer.route.path === 'string') {
        for (const method of Object.keys(layer.route.methods)) {
          if (method === 'get' || method === 'post')
            routes.push({ method, path: prefix + layer.route.path, signedIn });
        }
      } else if (layer.handle.stack) {
        const at = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + at);
      }
    }
  };
  walk(mount.handle.stack, '/admin');
  return routes;
}

/** A route's path with real ids filled in, so that only sign-in stands in the way. */
function concrete(routePath: string): string {
  return routePath.replace(/:(\w+)/g, (_, name: string) =>
    /token/i.test(name) ? 'not-a-real-token' : String(postId),
  );
}

const sameSite = (location: string | undefined) =>
  new URL(location ?? '/', `${BASE_URL}/admin/login`).origin === BASE_URL;

/** The session id in a Set-Cookie header, or undefined. */
function sessionCookieOf(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('byline.sid='));
}

/** Posts the sign-in form from a fresh anonymous session; `agent` carries that session on. */
async function attemptSignIn(
  target: Express,
  email: string,
  password: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const agent = request.agent(target);
  const form = await agent.get('/admin/login').set(headers).expect(200);
  const res = await agent
    .post('/admin/login')
    .set(headers)
    .type('form')
    .send({ email, password, _csrf: csrfOf(form.text), ...extra });
  return Object.assign(res, { agent });
}

/** Script, embeds and forms in an admin page, besides the admin's own forms (which post to /admin/…). */
const foreignContentIn = (html: string) =>
  activeContentIn(html).filter((found) => !/^<form action=\/admin\//.test(found));

/** Follows redirects that stay on the site (a path without its slash answers 301 first), up to three. */
async function finalAnswer(url: string) {
  let res = await request(app).get(url);
  for (let i = 0; i < 3 && res.status >= 300 && res.status < 400 && sameSite(res.headers.location); i++) {
    res = await request(app).get(res.headers.location!);
  }
  return res;
}

/* ------------------------------------------------------------------- probes -- */

describe('admin routes, anonymously', () => {
  it('when the admin is read from the app, then there are routes behind sign-in to probe', () => {
    const behind = adminRoutes().filter((r) => r.signedIn);
    expect(behind.length).toBeGreaterThan(20);
    expect(behind.map((r) => `${r.method} ${r.path}`)).toContain('post /admin/settings');
  });

  it('when something is written, then the snapshot the probes compare notices it', async () => {
    const before = snapshot();
    await addPost(t, { slug: 'noticed', status: 'draft' });
    expect(snapshot()).not.toEqual(before);
  });

  it('when every route behind sign-in is opened anonymously, then each sends to sign-in and nothing changes', async () => {
    const before = snapshot();
    for (const route of adminRoutes().filter((r) => r.signedIn && r.method === 'get')) {
      const url = concrete(route.path);
      const res = await request(app).get(url);
      expect(res.status, `GET ${url}`).toBe(302);
      expect(res.headers.location, `GET ${url}`).toBe(`/admin/login?next=${encodeURIComponent(url)}`);
    }
    expect(snapshot()).toEqual(before);
  });

  it('when every route behind sign-in is posted to anonymously, with or without a token, then 401 or 403 and nothing changes', async () => {
    const before = snapshot();
    const stranger = request.agent(app);
    const token = csrfOf((await stranger.get('/admin/login').expect(200)).text);
    for (const route of adminRoutes().filter((r) => r.signedIn && r.method === 'post')) {
      const url = concrete(route.path);
      const bodies = [
        { title: 'Owned', name: 'Owned', role: 'administrator', confirm: 'yes' },
        { title: 'Owned', name: 'Owned', role: 'administrator', confirm: 'yes', _csrf: token },
      ];
      for (const body of bodies) {
        const res = await stranger.post(url).type('form').send(body);
        expect([401, 403], `POST ${url} ${body._csrf ? 'with' : 'without'} a token`).toContain(res.status);
      }
      const json = await stranger.post(url).set('X-CSRF-Token', token).send({ title: 'Owned' });
      expect([401, 403], `POST ${url} as JSON`).toContain(json.status);
    }
    expect(snapshot()).toEqual(before);
  });

  it('when the routes open before sign-in are probed, then none answers 5xx, none signs anyone in, and nothing changes', async () => {
    const before = snapshot();
    const stranger = request.agent(app);
    const token = csrfOf((await stranger.get('/admin/login').expect(200)).text);
    for (const route of adminRoutes().filter((r) => !r.signedIn)) {
      const url = concrete(route.path);
      const res =
        route.method === 'get'
          ? await stranger.get(url)
          : await stranger
              .post(url)
              .type('form')
              .send({ _csrf: token, code: '000000', password: 'x', confirmPassword: 'x' });
      expect(res.status, `${route.method.toUpperCase()} ${url}`).toBeLessThan(500);
    }
    expect((await stranger.get('/admin/posts')).status).toBe(302);
    expect(snapshot()).toEqual(before);
  });
});

describe('CSRF', () => {
  it('when a signed-in user’s browser posts to any admin route without a token or with a wrong one, then 403 and nothing changes', async () => {
    const before = snapshot();
    const otherSession = await tokenFrom(request.agent(app), '/admin/login');
    for (const route of adminRoutes().filter((r) => r.method === 'post')) {
      const url = concrete(route.path);
      for (const token of [undefined, 'forged', otherSession]) {
        const body = {
          title: 'Forged',
          name: 'Forged',
          role: 'administrator',
          confirm: 'yes',
          ...(token ? { _csrf: token } : {}),
        };
        const res = await admin.post(url).type('form').send(body);
        expect(res.status, `POST ${url} with token ${token ?? '(none)'}`).toBe(403);
      }
      const json = await admin.post(url).set('X-CSRF-Token', otherSession).send({ title: 'Forged' });
      expect(json.status, `POST ${url} as JSON with another session's token`).toBe(403);
    }
    expect(snapshot()).toEqual(before);
    // Still signed in: a refused form is not a sign-out.
    await admin.get('/admin/posts').expect(200);
  });

  it('when a multipart upload comes without the token, then 403 and no file is kept', async () => {
    const before = snapshot();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0f0' } })
      .png()
      .toBuffer();
    const res = await admin.post('/admin/media').field('alt', 'x').attach('file', png, 'x.png');
    expect(res.status).toBe(403);
    expect(snapshot()).toEqual(before);
  });
});

describe('sessions and cookies', () => {
  it('when a visitor signs in with cookies an attacker planted, then they get a session of their own and the planted cookies stay anonymous', async () => {
    const attacker = request.agent(app);
    const form = await attacker.get('/admin/login').expect(200);
    // Showing the form stores no session: there is no session id to plant, only the form's cookie.
    expect(sessionCookieOf(form)).toBeUndefined();
    const planted = ([form.headers['set-cookie'] ?? []].flat() as string[])
      .map((c) => c.split(';')[0]!)
      .join('; ');
    expect(planted).not.toBe('');

    const victim = await request(app)
      .post('/admin/login')
      .set('Cookie', planted!)
      .type('form')
      .send({ email: adminEmail, password: PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    const issued = sessionCookieOf(victim)?.split(';')[0];
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);

    const res = await request(app).get('/admin/posts').set('Cookie', planted!);
    expect(res.status).toBe(302);
    await request(app).get('/admin/posts').set('Cookie', issued!).expect(200);
  });

  it('when a session id is made up, then it is ignored', async () => {
    const res = await request(app)
      .get('/admin/posts')
      .set('Cookie', 'byline.sid=s%3Aforged.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(302);
  });

  it('when the session cookie is set, then it is HttpOnly, SameSite=Lax and for the whole site', async () => {
    const res = await attemptSignIn(app, adminEmail, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = sessionCookieOf(res)!;
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/;\s*Domain=/i);
  });

  it('when Byline is behind an HTTPS proxy it trusts, then the cookie is Secure', async () => {
    const proxied = makeApp({
      env: { BASE_URL: 'https://blog.test', TRUST_PROXY: '1', NODE_ENV: 'test', DATA_DIR: t.dir },
    });
    const https = { 'X-Forwarded-Proto': 'https' };
    const form = await request(proxied).get('/admin/login').set(https).expect(200);
    const formCookie = [form.headers['set-cookie'] ?? []].flat() as string[];
    expect(formCookie[0]).toMatch(/^__Host-byline\.csrf=.*;\s*Secure/i);
    // Sent back by hand: the test client, on plain HTTP to the proxied app, keeps Secure cookies to itself.
    const res = await request(proxied)
      .post('/admin/login')
      .set({ ...https, Cookie: formCookie[0]!.split(';')[0]! })
      .type('form')
      .send({ email: adminEmail, password: PASSWORD, _csrf: csrfOf(form.text) })
      .expect(303);
    expect(sessionCookieOf(res)).toMatch(/;\s*Secure/i);
  });

  it('when public pages are read, then no cookie is set at all', async () => {
    for (const url of [
      '/',
      '/posts/probe/',
      '/tags/',
      '/archives/',
      '/search/?q=probe',
      '/index.xml',
      '/sitemap.xml',
      '/no-such-page/',
      '/css/site.css',
    ]) {
      const res = await request(app).get(url);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
  });

  it('when a user signs out, then the old session id no longer opens the admin', async () => {
    const res = await attemptSignIn(app, adminEmail, PASSWORD);
    expect(res.status).toBe(303);
    const cookie = sessionCookieOf(res)!.split(';')[0]!;
    const page = await request(app).get('/admin/account').set('Cookie', cookie).expect(200);
    await request(app)
      .post('/admin/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    expect((await request(app).get('/admin/account').set('Cookie', cookie)).status).toBe(302);
  });
});

describe('open redirects', () => {
  const EVIL = [
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'https://evil.example',
    'http:evil.example',
    'https:/evil.example',
    '///evil.example',
    '/.//evil.example',
    '/%2F/evil.example',
    '%2F%2Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' //evil.example',
    '//evil.example@blog.test',
    'javascript:alert(1)',
    '/admin/../\\evil.example',
  ];

  it.each(EVIL)('when sign-in is given next=%j, then the user lands on this site', async (next) => {
    const page = await request(app)
      .get(`/admin/login?next=${encodeURIComponent(next)}`)
      .expect(200);
    const field = formFields(page.text, '/admin/login').next ?? '/admin/';
    expect(sameSite(field), `the form carries next=${field}`).toBe(true);
    const res = await attemptSignIn(app, adminEmail, PASSWORD, { next });
    expect(res.status).toBe(303);
    expect(sameSite(res.headers.location), `Location: ${res.headers.location}`).toBe(true);
  });

  it('when a signed-in user opens the sign-in page with a hostile next, then they stay on this site', async () => {
    for (const next of EVIL) {
      const res = await admin.get(`/admin/login?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(302);
      expect(sameSite(res.headers.location), `${JSON.stringify(next)} → ${res.headers.location}`).toBe(true);
    }
  });

  it('when a public path is shaped like another host, then no redirect leaves the site', async () => {
    for (const url of [
      '//evil.example',
      '//evil.example/',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%5C%5Cevil.example',
      '/posts/probe?x=//evil.example',
    ]) {
      const res = await request(app).get(url);
      expect(res.status, url).toBeLessThan(500);
      if (res.headers.location)
        expect(sameSite(res.headers.location), `${url} → ${res.headers.location}`).toBe(true);
    }
  });
});

describe('user enumeration', () => {
  it('when an unknown email and a wrong password are tried, then the answers are the same, attempt after attempt', async () => {
    const known = (await makeUser(t, 'author')).email;
    const unknown = 'nobody-here@example.com';
    for (let i = 0; i < 4; i++) {
      const a = await attemptSignIn(app, known, 'wrong password');
      const b = await attemptSignIn(app, unknown, 'wrong password');
      expect(a.status).toBe(401);
      expect(b.status).toBe(a.status);
      const shown = (res: { text: string }, email: string) => textOf(res.text).replaceAll(email, 'EMAIL');
      expect(shown(b, unknown)).toBe(shown(a, known));
    }
  });

  it('when a made-up set-password link is opened, then it is a plain 404, like any other made-up one', async () => {
    const a = await request(app).get('/admin/set-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    const b = await request(app).get('/admin/set-password/x');
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
  });
});

describe('script in every field an editor can write', () => {
  /** Under 100 characters (the longest a user name may be); breaks out of attributes, textareas and titles. */
  const P = `'"><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></textarea>`;
  const FILE = `"><img src=x onerror=alert(4)><svg onload=alert(5)>.png`;
  const MARKDOWN = [
    P,
    '<a href="javascript:alert(6)">link</a> [md](javascript:alert(7)) <a href="jav&#x09;ascript:alert(8)">x</a>',
    '<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">',
    '<p onclick="alert(9)" style="position:fixed">styled</p><form action="https://evil.example"><input name="q"></form>',
    '{{< figure src="javascript:alert(10)" caption="<script>alert(11)</script>" >}}',
    '| a | b |\n|:--|--:|\n| <img src=x onerror=alert(12)> | c |',
  ].join('\n\n');
  let hostileId: number;
  let userId: number;
  const publicPages: string[] = [];
  const adminPages: string[] = [];

  beforeAll(async () => {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#00f' } })
      .png()
      .toBuffer();
    const token = await tokenFrom(admin, '/admin/media');
    const upload = await admin
      .post('/admin/media')
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', token)
      .field('alt', P)
      .attach('file', png, { filename: FILE, contentType: 'image/png' });
    expect(upload.status, upload.text).toBe(201);
    const imageMarkdown = (upload.body as { markdown: string }).markdown;

    const saved = await submitForm(admin, '/admin/posts/new', '/admin/posts/new', {
      title: P,
      summary: P,
      description: P,
      slug: 'hostile-fields',
      tags: P,
      content: `${MARKDOWN}\n\n${imageMarkdown}`,
      status: 'published',
    });
    expect(saved.status, saved.text.slice(0, 500)).toBe(303);
    hostileId = idFrom(saved.headers.location);
    // A second save, so the revisions page has something to compare.
    const again = await submitForm(
      admin,
      `/admin/posts/${hostileId}/edit`,
      `/admin/posts/${hostileId}/edit`,
      { summary: `${P} again` },
    );
    expect(again.status).toBe(303);

    const settings = await submitForm(admin, '/admin/settings', '/admin/settings', {
      title: P,
      description: P,
      author: P,
      showAuthor: 'on',
    });
    expect(settings.status, settings.text.slice(0, 500)).toBe(303);
    const name = await submitForm(admin, '/admin/account', '/admin/account/name', { name: P });
    expect(name.status).toBe(303);
    const created = await submitForm(admin, '/admin/users/new', '/admin/users', {
      email: 'hostile@example.com',
      name: P,
      role: 'author',
    });
    expect(created.status, created.text.slice(0, 500)).toBe(303);
    userId = (await t.db.user.findUniqueOrThrow({ where: { email: 'hostile@example.com' } })).id;

    const post = await request(app).get('/posts/hostile-fields/').expect(200);
    const tagPage = hrefsOf(post.text).find((h) => h.startsWith('/tags/') && h !== '/tags/');
    expect(tagPage).toBeDefined();
    publicPages.push(
      '/',
      '/posts/hostile-fields/',
      tagPage!,
      '/tags/',
      '/archives/',
      '/search/?q=styled',
      '/index.xml',
      `${tagPage!}index.xml`,
      '/sitemap.xml',
      '/no-such-page/',
      '/posts/probe/',
    );
    adminPages.push(
      '/admin/posts',
      `/admin/posts/${hostileId}/edit`,
      `/admin/posts/${hostileId}/revisions`,
      '/admin/media',
      '/admin/users',
      `/admin/users/${userId}`,
      '/admin/account',
      '/admin/settings',
    );
  });

  it('when the public pages show the hostile fields, then nothing in them can run', async () => {
    for (const url of publicPages) {
      const res = await request(app).get(url);
      expect(res.status, url).toBeLessThan(500);
      expect(activeContentIn(res.text), url).toEqual([]);
    }
  });

  it('when the post is read, then its title, description, tag, author and site title are shown as text', async () => {
    const res = await request(app).get('/posts/hostile-fields/').expect(200);
    const text = textOf(res.text);
    expect(text.split(P).length - 1, 'title, description, tag, author, site title').toBeGreaterThanOrEqual(4);
  });

  it('when the admin pages show the hostile fields, then nothing in them can run', async () => {
    for (const url of adminPages) {
      const res = await admin.get(url);
      expect(res.status, url).toBe(200);
      expect(foreignContentIn(res.text), url).toEqual([]);
    }
    const login = await request(app).get('/admin/login').expect(200);
    expect(foreignContentIn(login.text), '/admin/login').toEqual([]);
  });

  it('when the media page lists the upload, then its file name and alt text are shown as text', async () => {
    const res = await admin.get('/admin/media').expect(200);
    expect(foreignContentIn(res.text)).toEqual([]);
    expect(textOf(res.text)).toContain(P);
  });

  it('when the live preview renders the hostile Markdown, then the HTML it sends holds nothing that can run', async () => {
    const token = await tokenFrom(admin, '/admin/posts/new');
    const res = await admin
      .post('/admin/preview')
      .set('X-CSRF-Token', token)
      .send({ title: P, content: MARKDOWN, summary: P, description: P, publishAt: '' })
      .expect(200);
    const { html, metaHtml } = res.body as { html: string; metaHtml: string };
    expect(activeContentIn(html)).toEqual([]);
    expect(activeContentIn(metaHtml)).toEqual([]);
  });

  it('when a hostile slug or cover image is refused, then the form shown again holds nothing that can run', async () => {
    const attempts: Record<string, string>[] = [
      { slug: P },
      { coverImage: 'javascript:alert(13)' },
      { title: '', content: P },
    ];
    for (const changes of attempts) {
      const res = await submitForm(admin, '/admin/posts/new', '/admin/posts/new', {
        title: 'x',
        status: 'draft',
        ...changes,
      });
      expect(res.status, JSON.stringify(changes)).toBeLessThan(500);
      if (res.status === 400) expect(foreignContentIn(res.text), JSON.stringify(changes)).toEqual([]);
    }
  });

  it('when the base URL setting is given a javascript: address, then it is refused or never becomes a link', async () => {
    await submitForm(admin, '/admin/settings', '/admin/settings', { baseUrl: 'javascript:alert(14)//' });
    const res = await request(app).get('/posts/hostile-fields/').expect(200);
    expect(activeContentIn(res.text)).toEqual([]);
  });
});

describe('oversized bodies', () => {
  it('when 3 MB forms and JSON are posted to the admin, then 413, nothing changes, and the server carries on', async () => {
    const before = snapshot();
    const big = 'x'.repeat(3 * 1024 * 1024);
    const token = await tokenFrom(admin, '/admin/posts/new');
    const form = await admin
      .post('/admin/posts/new')
      .type('form')
      .send({ _csrf: token, title: 'Big', content: big });
    expect(form.status).toBe(413);
    const json = await admin.post('/admin/preview').set('X-CSRF-Token', token).send({ content: big });
    expect(json.status).toBe(413);
    const anonymous = await request(app)
      .post('/admin/login')
      .type('form')
      .send({ email: 'a@b.c', password: big });
    expect(anonymous.status).toBe(413);
    expect(snapshot()).toEqual(before);
    await request(app).get('/posts/probe/').expect(200);
    await admin.get('/admin/posts').expect(200);
  });

  it('when an upload is larger than UPLOAD_MAX_MB, then 413, no file is kept, and the server carries on', async () => {
    const before = snapshot();
    const token = await tokenFrom(admin, '/admin/media');
    const res = await admin
      .post('/admin/media')
      .field('_csrf', token)
      .attach('file', Buffer.alloc(1024 * 1024 + 1, 0xff), { filename: 'big.png', contentType: 'image/png' });
    expect(res.status).toBe(413);
    expect(snapshot()).toEqual(before);
    await admin.get('/admin/media').expect(200);
  });
});

describe('nonsense URLs', () => {
  const PUBLIC = [
    '/posts/%E0%A4%A/',
    '/posts/%/',
    '/posts/%00/',
    '/tags/<script>/',
    '/tags/%3Cscript%3E/',
    '/tags/%ff/',
    '/tags/x/page/-5/',
    '/page/-1/',
    '/page/0/',
    '/page/01/',
    '/page/abc/',
    '/page/99999999999999999999/',
    '/posts/page/1e3/',
    '/..%2f..%2fetc/passwd',
    '/..%2F..%2Fetc%2Fpasswd/',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/posts/../../etc/passwd',
    '/posts/a%2Fb/',
    '/posts/x/?q[]=1',
    '/posts/nope/?page=-1',
    `/posts/${'a'.repeat(300)}/`,
    `/${'x/'.repeat(1500)}`,
    '/media/../../blog.db',
    '/media/%2e%2e/%2e%2e/blog.db',
    '/media/x/%00.png',
    '/media/x/y/z.png',
    '/css/../../package.json',
    '/css/%2e%2e/%2e%2e/package.json',
    '/js/..%2f..%2f.env',
    '/sitemap.xml/x',
    '/index.xml/',
    '/sitemap.xml/',
    '/robots.txt/',
    '/posts/index.xml/',
    '/healthz/',
    '/categories/nope/',
    '/search/x/',
  ];

  it.each(PUBLIC)(
    'when an outsider asks for %s, then the answer is a 4xx (after at most a redirect to add the slash)',
    async (url) => {
      const res = await finalAnswer(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
    },
  );

  it('when odd but harmless queries are sent, then nothing answers 5xx', async () => {
    for (const url of [
      '/search/?q=%00',
      '/search/?q=%E0%A4%A',
      '/search/?q=%22%27%3C%3E',
      '/search/?q=*',
      '/search/?q=NEAR(a%20b)',
      '/index.xml?x=%',
      '/?page=-1',
      '/posts/probe/?a[b][c]=1',
    ]) {
      const res = await request(app).get(url);
      expect(res.status, url).toBeLessThan(500);
      expect(activeContentIn(res.text), url).toEqual([]);
    }
  });

  const ADMIN = [
    '/admin/posts/NaN/edit',
    '/admin/posts/-1/edit',
    '/admin/posts/1e3/edit',
    '/admin/posts/99999999999999999999/edit',
    '/admin/posts/0x10/revisions',
    '/admin/pages/%00/edit',
    '/admin/users/NaN',
    '/admin/users/99999999999999999999',
    '/admin/users/1.5/link',
    '/admin/posts?page=-1',
    '/admin/posts?page=abc&status[]=x',
    '/admin/media?page=99999999999999999999',
    '/admin/nope',
  ];

  it.each(ADMIN)(
    'when a signed-in user asks for %s, then the answer is a 4xx or the page itself, never 5xx',
    async (url) => {
      const res = await admin.get(url);
      expect(res.status, url).toBeLessThan(500);
      expect([200, 400, 403, 404], url).toContain(res.status);
    },
  );

  it('when nonsense ids are posted to, then the answer is a 4xx and nothing changes', async () => {
    const before = snapshot();
    for (const url of [
      '/admin/posts/NaN/delete',
      '/admin/posts/-1/restore',
      '/admin/media/abc/delete',
      '/admin/users/NaN/role',
      '/admin/posts/1/revisions/NaN/restore',
    ]) {
      const token = await tokenFrom(admin, '/admin/posts');
      const res = await admin.post(url).type('form').send({ _csrf: token, role: 'administrator' });
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(res.status, url).toBeLessThan(500);
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('brute force', () => {
  const limited = () => makeApp({ loginLimits: { perIp: 6, perAccount: 3, windowMs: 60_000 } });

  it('when one account is guessed at again and again, then 429 with Retry-After, even for the right password', async () => {
    const target = limited();
    const { email } = await makeUser(t, 'author');
    for (let i = 0; i < 3; i++) expect((await attemptSignIn(target, email, `guess ${i}`)).status).toBe(401);
    const res = await attemptSignIn(target, email, PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await res.agent.get('/admin/posts')).status, 'not signed in').toBe(302);
  });

  it('when many accounts are guessed at from one address, then 429', async () => {
    const target = limited();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await attemptSignIn(target, `guess${i}@example.com`, 'guess')).status);
    expect(statuses.slice(0, 6).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it('when the guesser sends a new X-Forwarded-For each time and no proxy is trusted, then the limit still holds', async () => {
    const target = limited();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await attemptSignIn(
        target,
        `spoof${i}@example.com`,
        'guess',
        {},
        { 'X-Forwarded-For': `203.0.113.${i}` },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(6)).toEqual([429, 429]);
  });
});
