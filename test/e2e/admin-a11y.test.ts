import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from '../helpers/axe.js';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const EMAIL = 'admin@example.com';
const PASSWORD = 'correct horse battery';
const PREVIEWED =
  '## A heading\n\nA [link](/) and `code`.\n\n```js\nconst answer = 42; // why\n```\n\n> A quote.\n';

/** Presses Save and waits for the page that answers. */
async function save(page: Page): Promise<void> {
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Save', exact: true }).click(),
  ]);
  expect(
    await page.locator('.flash-success').count(),
    (await page.locator('.flash').allInnerTexts()).join(' '),
  ).toBe(1);
}

let revisedPosts = 0;

/** A page to audit: where to start, and what a person would have done there before looking. */
interface AuditCase {
  path: string;
  prepare?: (page: Page) => Promise<void>;
}

const cases: ReadonlyArray<readonly [string, AuditCase]> = [
  ['the sign-in page', { path: '/admin/login' }],
  ['the posts list', { path: '/admin/posts' }],
  [
    'the editor with a preview',
    {
      path: '/admin/posts/new',
      prepare: async (page) => {
        await page.getByLabel('Title', { exact: true }).fill('Checking contrast');
        await page.getByLabel('Content', { exact: true }).fill(PREVIEWED);
        await page.locator('.editor-preview pre code').waitFor({ timeout: 10_000 });
      },
    },
  ],
  [
    'the media page with an upload',
    {
      path: '/admin/media',
      prepare: async (page) => {
        const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
          .png()
          .toBuffer();
        await page
          .locator('input[type="file"]')
          .setInputFiles({ name: 'green.png', mimeType: 'image/png', buffer: png });
        await Promise.all([
          page.waitForEvent('load'),
          page.getByRole('button', { name: 'Upload', exact: true }).click(),
        ]);
        await page.locator('.media-item').first().waitFor();
      },
    },
  ],
  ['the users page', { path: '/admin/users' }],
  ['the audit log', { path: '/admin/audit' }],
  ['the two-factor set-up page', { path: '/admin/account/two-factor' }],
  [
    'the revisions page with a diff',
    {
      path: '/admin/posts/new',
      prepare: async (page) => {
        // One post per run of this case: a second one with the same title would take the same slug.
        await page.getByLabel('Title', { exact: true }).fill(`Revised twice ${++revisedPosts}`);
        await page.getByLabel('Content', { exact: true }).fill('First line.\n\nSecond line.');
        await save(page);
        await page.getByLabel('Content', { exact: true }).fill('First line.\n\nA better second line.');
        await save(page);
        await Promise.all([
          page.waitForURL('**/revisions'),
          page.getByRole('link', { name: 'Revisions' }).click(),
        ]);
        await page.locator('.diff').first().waitFor();
      },
    },
  ],
];
const themes = ['light', 'dark'] as const;
const matrix = cases.flatMap(([name, audit]) => themes.map((theme) => [name, theme, audit] as const));

describe.skipIf(skipWithoutChromium())('admin accessibility (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // One after the other, so that afterAll can stop whichever started if the other fails.
    server = await startServer({ env: { ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto('/admin/login');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
  }

  it.each(matrix)(
    'when %s is shown in the %s theme, then axe finds nothing serious or critical',
    async (_name, theme, { path, prepare }) => {
      // bypassCSP: axe is injected as an inline script, which the admin's Content-Security-Policy rightly refuses.
      context = await browser.newContext({ baseURL: server.url, colorScheme: theme, bypassCSP: true });
      const page = await context.newPage();
      if (path !== '/admin/login') await signIn(page);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await prepare?.(page);

      const serious = await seriousViolations(page);
      expect(
        serious.map((v) => v.id),
        describeViolations(serious),
      ).toEqual([]);
    },
  );
});
