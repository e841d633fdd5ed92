import { generateSync } from 'otplib';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const EMAIL = 'owner@example.com';
const PASSWORD = 'correct horse battery';

/** The code an authenticator app shows `steps` periods from now. */
const codeFor = (secret: string, steps = 0) =>
  generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

describe.skipIf(skipWithoutChromium())('two-factor sign-in in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer({
      env: { ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD, SAMPLE_CONTENT: 'false' },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** Every Content-Security-Policy violation the pages reported: the QR code and forms must need none. */
  let violations: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url });
    contexts.push(context);
    violations = [];
    await context.exposeFunction('__reportViolation', (text: string) => violations.push(text));
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => {
        window.__reportViolation(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI);
      });`,
    });
    const page = await context.newPage();
    page.on('console', (message: ConsoleMessage) => {
      if (/Content[ -]Security[ -]Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    return page;
  }

  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const path = (page: Page) => new URL(page.url()).pathname;

  async function passwordStep(page: Page): Promise<void> {
    await page.goto('/admin/login');
    await field(page, 'Email').fill(EMAIL);
    await field(page, 'Password').fill(PASSWORD);
    await Promise.all([page.waitForEvent('load'), button(page, 'Sign in').click()]);
  }

  it('when an owner sets up two-factor on the account page, signs out and back in, then the code from the app lets them in', async () => {
    const page = await newPage();
    await passwordStep(page);
    expect(path(page)).toBe('/admin/posts');

    await page.goto('/admin/account');
    await Promise.all([
      page.waitForURL('**/admin/account/two-factor'),
      page.getByRole('link', { name: 'Set up two-factor sign-in' }).click(),
    ]);
    const qr = page.getByRole('img', { name: /QR code/ });
    expect((await qr.boundingBox())?.width).toBeGreaterThan(100);
    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // A wrong code first: the form says so on the field and the key stays the same.
    await field(page, 'Code from your app').fill(codeFor(secret) === '000000' ? '111111' : '000000');
    await Promise.all([page.waitForEvent('load'), button(page, 'Turn on two-factor sign-in').click()]);
    expect(await page.locator('#code-error').innerText()).toContain('That code is not right.');
    expect((await page.locator('#totp-secret').innerText()).replace(/\s/g, '')).toBe(secret);

    await field(page, 'Code from your app').fill(codeFor(secret));
    await Promise.all([
      page.waitForURL('**/recovery-codes'),
      button(page, 'Turn on two-factor sign-in').click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your recovery codes');
    expect(await page.locator('ol.recovery-codes li').count()).toBe(10);
    await Promise.all([
      page.waitForURL('**/admin/account'),
      page.getByRole('link', { name: 'I have saved them' }).click(),
    ]);
    expect(await page.locator('#two-factor-heading + p').innerText()).toMatch(/^On since/);

    await Promise.all([page.waitForURL('**/admin/login'), button(page, 'Sign out').click()]);
    await passwordStep(page);
    expect(path(page), 'the password alone does not sign in').toBe('/admin/login/two-factor');
    await page.goto('/admin/posts');
    expect(path(page)).toBe('/admin/login');

    await passwordStep(page);
    // The next period's code: the one used to turn two-factor on may still be current, and is spent.
    await field(page, 'Code').fill(codeFor(secret, 1));
    await Promise.all([page.waitForURL('**/admin/posts'), button(page, 'Verify').click()]);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    expect(violations).toEqual([]);
  });
});
