import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { importSite, makeDataDir, startServer, type RunningServer } from '../helpers/server.js';

const POST = '/posts/hostile/';

// Each payload sets window.__pwned (or opens a dialog) if it ever runs.
const HOSTILE_POST = `---
title: Hostile
date: 2024-01-01T00:00:00Z
slug: hostile
---

A post written by someone who wants to run script in readers' browsers.

<script>window.__pwned=1</script>

<img src=x onerror="window.__pwned=2">

[x](javascript:window.__pwned=3)

<svg onload="window.__pwned=4"></svg>

<iframe srcdoc="<script>parent.__pwned=5</script>"></iframe>

<a href="jav&#x09;ascript:window.__pwned=6">click</a>

<a href="javascript:alert(7)">alert</a>

<details open ontoggle="window.__pwned=8;alert(8)"><summary>more</summary>hidden</details>

<a href="/" onclick="window.__pwned=9">home</a>

[a safe link](/about/)
`;

describe.skipIf(skipWithoutChromium())('hostile content in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let dialogs: string[];
  let reported: string[];

  beforeAll(async () => {
    const dataDir = makeDataDir();
    const siteDir = path.join(dataDir, 'hugo-site');
    fs.mkdirSync(path.join(siteDir, 'content/posts'), { recursive: true });
    fs.writeFileSync(path.join(siteDir, 'content/posts/hostile.md'), HOSTILE_POST);
    const imported = await importSite(dataDir, siteDir);
    if (imported.code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`The import failed with status ${imported.code}:\n${imported.output}`);
    }
    // One after the other, so that afterAll can stop whichever started if the other fails.
    server = await startServer({ dataDir, env: { SAMPLE_CONTENT: 'false' } });
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

  async function openPost(): Promise<Page> {
    reported = [];
    context ??= await browser.newContext({ baseURL: server.url });
    // Reports every assignment to window.__pwned, even if the page navigates away right after it.
    await context.exposeFunction('__reportPwned', (value: unknown) => reported.push(String(value)));
    // A string, not a function: a transpiler's helpers (such as __name) do not exist in the page.
    await context.addInitScript({
      content: `(() => {
        let stored;
        Object.defineProperty(window, '__pwned', {
          configurable: true,
          get: () => stored,
          set: (value) => { stored = value; window.__reportPwned(value); },
        });
      })();`,
    });
    await expectDetectorArmed(context);
    const page = await context.newPage();
    dialogs = [];
    page.on('dialog', (dialog: Dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const response = await page.goto(POST);
    expect(response?.status(), server.output()).toBe(200);
    return page;
  }

  /** Proves the trap works, so a passing test means "nothing ran" and not "nothing was watched". */
  async function expectDetectorArmed(ctx: BrowserContext) {
    const canary = await ctx.newPage();
    await canary.goto('/');
    await canary.evaluate(() => ((window as unknown as { __pwned: unknown }).__pwned = 'canary'));
    await canary.close();
    await expect.poll(() => reported).toEqual(['canary']);
    reported = [];
  }

  /** window.__pwned in the page and in every frame it holds. */
  async function pwned(page: Page): Promise<unknown[]> {
    const values = await Promise.all(
      page
        .frames()
        .map((frame) =>
          frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined),
        ),
    );
    return values.filter((v) => v !== undefined);
  }

  /** Gives event handlers, image errors and frames time to fire if they survived. */
  const settle = (page: Page) => page.waitForTimeout(500);

  it('when the hostile post is opened, then none of its script runs', async () => {
    const page = await openPost();
    await page.waitForLoadState('networkidle');
    await settle(page);

    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Hostile');
    expect(await pwned(page)).toEqual([]);
    expect(reported).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('when every link in the hostile post is clicked, then none of them runs script', async () => {
    const page = await openPost();
    const count = await page.locator('.post-content a').count();
    expect(count, 'the post keeps its links (as text or as safe links)').toBeGreaterThan(0);

    for (let i = 0; i < count; i++) {
      if (page.url() !== new URL(POST, server.url).href) await page.goto(POST);
      const link = page.locator('.post-content a').nth(i);
      const label = await link.evaluate((a) => a.outerHTML);
      // A link a person cannot see still reacts to a scripted click; either way nothing may run.
      if (await link.isVisible()) await link.click({ noWaitAfter: true, timeout: 5_000 });
      else await link.dispatchEvent('click');
      await page.waitForLoadState();
      await settle(page);

      expect(await pwned(page), `after clicking ${label}`).toEqual([]);
      expect(reported, `after clicking ${label}`).toEqual([]);
      expect(dialogs, `after clicking ${label}`).toEqual([]);
    }
  });
});
