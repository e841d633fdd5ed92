/**
 * The Content-Security-Policy (docs/decisions/012-security-headers.md) against the real pages in
 * Chromium: the site's own scripts, styles and behaviours must all work under it, with not one
 * violation — on the reader's pages and in the editor, live preview and image drop included.
 */
import sharp from 'sharp';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const EMAIL = 'admin@example.com';
const PASSWORD = 'correct horse battery';

describe.skipIf(skipWithoutChromium())('the Content-Security-Policy in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  /** Every violation the pages reported, and every console line about one. */
  let violations: string[];

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

  /** A fresh profile whose pages report every CSP violation, even one that happens just before a navigation. */
  async function watchedPage(): Promise<Page> {
    violations = [];
    context = await browser.newContext({ baseURL: server.url });
    await context.exposeFunction('__reportViolation', (text: string) => violations.push(text));
    // A string, not a function: a transpiler's helpers do not exist in the page.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => {
        window.__reportViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI + ':' + e.lineNumber + ' ' + (e.sample || ''));
      });`,
    });
    const page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      // Refusals, and any header Chromium could not read (a Permissions-Policy feature it does not know).
      if (/Content[ -]Security[ -]Policy|Refused to|Permissions-Policy/i.test(message.text())) {
        violations.push(`console: ${message.text()}`);
      }
    });
    return page;
  }

  async function open(page: Page, path: string): Promise<void> {
    const response = await page.goto(path);
    expect(response?.status(), `${path}\n${server.output()}`).toBeLessThan(400);
    expect(response?.headers()['content-security-policy'], path).toContain("script-src 'self'");
    await page.waitForLoadState('networkidle');
  }

  async function signIn(page: Page): Promise<void> {
    await open(page, '/admin/login');
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    await page.waitForLoadState('networkidle');
  }

  it('when inline script and a style attribute are forced into a page, then the watch reports both (it is not blind)', async () => {
    const page = await watchedPage();
    await open(page, '/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.ranInline = true;';
      document.head.append(script);
      document.body.setAttribute('style', 'outline: 1px solid red');
    });
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
    expect(
      await page.evaluate(() => (window as unknown as { ranInline?: boolean }).ranInline),
    ).toBeUndefined();
    expect(violations.join('\n')).toMatch(/script-src/);
    expect(violations.join('\n')).toMatch(/style-src/);
  });

  it('when a reader opens the front page, a post, search, tags and a missing page, then nothing is refused', async () => {
    const page = await watchedPage();
    await open(page, '/');
    expect(await page.evaluate(() => document.documentElement.classList.contains('js')), 'theme.js ran').toBe(
      true,
    );
    const postUrl = await page.locator('article.post-entry a.entry-link').first().getAttribute('href');
    expect(postUrl).toBeTruthy();
    await open(page, postUrl!);
    expect(await page.locator('script[type="application/ld+json"]').count(), 'the post has its JSON-LD').toBe(
      1,
    );
    await page.locator('#theme-toggle').click();
    await open(page, '/search/?q=proxy');
    await open(page, '/tags/');
    await open(page, '/archives/');
    await page.goto('/no-such-page/');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  it('when an editor signs in, types with the live preview, drops an image and saves, then nothing is refused', async () => {
    const page = await watchedPage();
    await signIn(page);
    await open(page, '/admin/posts/new');
    await page.getByLabel('Title', { exact: true }).fill('Under the policy');
    await page
      .getByLabel('Content', { exact: true })
      .fill('## Preview heading\n\nSome *text*.\n\n```js\nconst answer = 42;\n```\n');
    const preview = page.locator('.editor-preview');
    await preview.getByRole('heading', { name: 'Preview heading' }).waitFor({ timeout: 10_000 });
    await preview.locator('pre code .hljs-keyword').first().waitFor({ timeout: 10_000 });

    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#39c' } })
      .png()
      .toBuffer();
    await page.locator('#content').evaluate((content, base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
      content.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, png.toString('base64'));
    await page
      .locator('.upload-status')
      .filter({ hasText: 'Uploaded dropped.png' })
      .waitFor({ timeout: 15_000 });
    await preview.locator('img[src^="/media/"]').first().waitFor({ timeout: 10_000 });
    await expect
      .poll(() =>
        preview
          .locator('img[src^="/media/"]')
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBeGreaterThan(0);

    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.flash-success').count(), 'the post was saved').toBeGreaterThan(0);
    expect(violations).toEqual([]);
  });

  it('when an editor goes through the admin’s other pages, then nothing is refused', async () => {
    const page = await watchedPage();
    await signIn(page);
    for (const path of [
      '/admin/posts',
      '/admin/pages',
      '/admin/media',
      '/admin/users',
      '/admin/settings',
      '/admin/account',
    ]) {
      await open(page, path);
    }
    await Promise.all([
      page.waitForURL('**/admin/login'),
      page.getByRole('button', { name: 'Sign out', exact: true }).click(),
    ]);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});
