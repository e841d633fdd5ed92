/**
 * Properties of the running app: whatever a client sends (paths, queries, headers, methods, form
 * bodies), the answer is never a 5xx, and a refused editor form shows the user's text again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfOf, makeUser, signIn, type Agent } from '../helpers/admin.js';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { formFields } from '../helpers/editor-form.js';

const HTTP_RUNS = 80;
/** Generous: a busy machine must not fail a property for being slow. */
const SLOW = { timeout: 180_000 };

let t: TestApp;
let server: http.Server;
let editor: Agent;
let csrf: string;
let postId: number;

beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, { slug: 'hello', title: 'Hello', tags: ['go', 'sqlite'], markdown: 'Hello **world**.' });
  await addPost(t, { type: 'page', slug: 'about', title: 'About' });
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const user = await makeUser(t, 'editor');
  editor = await signIn(t.app, user.email);
  const created = await editor.get('/admin/posts/new').expect(200);
  csrf = csrfOf(created.text);
  const saved = await editor
    .post('/admin/posts/new')
    .type('form')
    .send({ _csrf: csrf, title: 'Mine', content: 'Text.', status: 'draft' })
    .expect(303);
  postId = Number(/\/(\d+)\/edit$/.exec(saved.headers.location ?? '')?.[1]);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.cleanup();
});

// ---------------------------------------------------------------- what a stranger can send

/** Characters a request line may carry as they are (no space, no control character). */
const URL_CHARS = [..."abcxyz019-._~!$&'()*+,;=:@/?#[]%"];
const rawChars = (max: number) => fc.string({ unit: fc.constantFrom(...URL_CHARS), maxLength: max });
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9-]{0,12}$/) },
  { weight: 2, arbitrary: rawChars(12) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%',
      '%zz',
      '%00',
      '%c0%af',
      '%ff%fe',
      '%2e%2e',
      '..',
      '.',
      '',
      '%2F',
      'index.xml',
      'page',
      '0',
      '-1',
      '99999999999999999999',
      '1e3',
      '%E2%80%AE',
      '%F0%9F%98%80',
      'x'.repeat(300),
      '%u0041',
      '~admin',
      '.env',
      '..%2f..%2fetc%2fpasswd',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => encodeURIComponent(s)) },
);
const PREFIXES = [
  '/',
  '/posts/',
  '/page/',
  '/tags/',
  '/tags/go/',
  '/tags/go/page/',
  '/categories/',
  '/archives/',
  '/search/',
  '/admin/',
  '/admin/posts/',
  '/admin/users/',
  '/admin/login',
  '/media/',
  '/css/',
  '/js/',
  '/index.xml',
  '/sitemap.xml',
  '/robots.txt',
  '/healthz',
  '/hello/',
  '/about/',
  '//',
  '/posts/hello/',
];
const queryValue = fc.oneof(
  rawChars(10),
  fc.constantFrom('', 'go', '"', 'a'.repeat(600), '%', '-1', 'NEAR(', '*', 'OR', '^'),
);
const query = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom('q', 'q[]', 'q[a]', 'page', 'n', 'next', 'v', 'utm_source', '', '&'),
          queryValue,
        ),
        {
          maxLength: 4,
        },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  },
  { weight: 1, arbitrary: rawChars(20).map((s) => `?${s}`) },
);
const path = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(segment, { maxLength: 4 }), fc.constantFrom('', '/'), query)
  .map(([prefix, segments, end, q]) => `${prefix}${segments.join('/')}${segments.length ? end : ''}${q}`);

/** Printable ASCII: what an HTTP client lets a header carry. */
const headerText = fc.string({
  unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCxyz[\\]^_`{|}~'),
  maxLength: 40,
});
const HEADERS = [
  'accept',
  'accept-encoding',
  'accept-language',
  'if-none-match',
  'if-modified-since',
  'range',
  'cookie',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'authorization',
  'content-type',
  'referer',
  'origin',
  'x-csrf-token',
  'x-requested-with',
];
const headerValue = fc.oneof(
  headerText,
  fc.constantFrom(
    'gzip;q=abc, br;q=2',
    '*',
    'identity;q=0',
    '"x", W/"y"',
    'Mon, 99 Foo 2026',
    'bytes=-1,0-0,5-2',
    'bytes=999999999-',
    'byline.sid=s%3Agarbage.signature',
    'byline.sid=',
    'https',
    'application/json',
    'text/html;charset=utf-7',
  ),
);
const headers = fc.dictionary(fc.constantFrom(...HEADERS), headerValue, { maxKeys: 4 });
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH');

/** One request, sent raw so that odd paths and headers arrive as written. */
function send(m: string, p: string, h: Record<string, string>, body?: string): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: m, path: p, headers: h, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('random requests from anyone', SLOW, () => {
  it('when any path, query, method and headers are sent, then the answer is never a 5xx and nothing is logged as an error', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, fc.option(headerText), async (m, p, h, body) => {
        const before = t.errors.length;
        const status = await send(m, p, h, m === 'GET' || m === 'HEAD' ? undefined : (body ?? undefined));
        expect(status, `${m} ${p} ${JSON.stringify(h)}`).toBeGreaterThanOrEqual(200);
        expect(status, `${m} ${p} ${JSON.stringify(h)}`).toBeLessThan(500);
        expect(t.errors.slice(before)).toEqual([]);
      }),
      { numRuns: HTTP_RUNS * 2 },
    );
  });
});

// ---------------------------------------------------------------- what an editor can type

const SPECIALS = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '\n',
  '\r\n',
  '\t',
  ' ',
  '{{< youtube x >}}',
  '&amp;',
  '</textarea>',
  '<script>',
  '%',
  '+',
  '=',
];
const typed = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.constantFrom(...SPECIALS),
    ),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''))
  // Control characters are not something a browser's form sends (but \n and \t are).
  // eslint-disable-next-line no-control-regex
  .map((s) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
const EDITOR_FIELDS = [
  'title',
  'slug',
  'summary',
  'description',
  'content',
  'tags',
  'publishAt',
  'coverImage',
] as const;
const TEXTAREAS = new Set(['summary', 'description', 'content']);
const fieldValue = fc.oneof(
  { weight: 5, arbitrary: typed },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'Not A Slug',
      'ok-slug',
      '2026-12-01T09:00',
      '2026-02-30T25:00',
      'javascript:alert(1)',
      '//evil.example/x',
      'x'.repeat(201),
      'go, go, , ,',
      '-',
      'about',
      'admin',
    ),
  },
);
const editorBody = fc.record({
  fields: fc
    .dictionary(fc.constantFrom(...EDITOR_FIELDS), fieldValue, { maxKeys: EDITOR_FIELDS.length }),
  status: fc.constantFrom('draft', 'published', 'scheduled', '', 'deleted', 'draft'),
  extra: fc.array(
    fc.tuple(fc.constantFrom('title', 'tags', 'version', 'x', '_csrf[]'), fc.string({ maxLength: 5 })),
    { maxLength: 2 },
  ),
});

/**
 * A field's value as a browser holds it: a one-line input drops line breaks, a textarea has LF
 * line ends. (The form's HTML is read with its entities decoded.)
 */
const asHeld = (name: string, s: string) =>
  TEXTAREAS.has(name) ? s.replace(/\r\n?/g, '\n') : s.replace(/[\r\n]/g, '');

describe('random editor forms from a signed-in editor', SLOW, () => {
  it('when any editor form is posted, new or over a post, then the answer is never a 5xx and a refused form shows every field as typed', async () => {
    await fc.assert(
      fc.asyncProperty(editorBody, fc.boolean(), async ({ fields, status, extra }, isNew) => {
        const action = isNew ? '/admin/posts/new' : `/admin/posts/${postId}/edit`;
        const pairs: [string, string][] = [
          ['_csrf', csrf],
          ['status', status],
          ...Object.entries(fields),
          ...extra,
        ];
        const before = t.errors.length;
        const res = await editor.post(action).type('form').send(new URLSearchParams(pairs).toString());
        expect(res.status, JSON.stringify(pairs)).toBeLessThan(500);
        expect(t.errors.slice(before)).toEqual([]);
        if (res.status !== 400) return;
        const shown = formFields(res.text, action);
        const once = (name: string) => pairs.filter(([k]) => k === name).length === 1;
        for (const [name, value] of Object.entries(fields)) {
          if (once(name)) expect(asHeld(name, shown[name] ?? ''), name).toBe(asHeld(name, value));
        }
      }),
      { numRuns: HTTP_RUNS },
    );
  });

  // The HTML parser drops a line break right after <textarea>; the views put one there so that
  // text starting with its own line break comes back whole.
  it('when a refused form’s text starts with a line break, then the form shows it again', async () => {
    const res = await editor
      .post('/admin/posts/new')
      .type('form')
      .send({ _csrf: csrf, title: '', status: 'draft', content: '\nSecond line.' })
      .expect(400);
    expect(formFields(res.text, '/admin/posts/new').content).toBe('\nSecond line.');
  });
});
