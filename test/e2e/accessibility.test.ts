import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeViolations, seriousViolations } from '../helpers/axe.js';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const pages = [
  ['the front page', '/'],
  ['a post', '/posts/proxy-layers/'],
  ['a tag page', '/tags/istio/'],
  ['the search results', '/search/?q=istio'],
] as const;
const themes = ['light', 'dark'] as const;
const cases = pages.flatMap(([name, path]) => themes.map((theme) => [name, theme, path] as const));

describe.skipIf(skipWithoutChromium())('accessibility (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    // One after the other, so that afterAll can stop whichever started if the other fails.
    server = await startServer();
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

  it.each(cases)(
    'when %s is shown in the %s theme, then axe finds nothing serious or critical',
    async (_name, theme, path) => {
      context = await browser.newContext({ baseURL: server.url, colorScheme: theme });
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);

      const serious = await seriousViolations(page);
      expect(
        serious.map((v) => v.id),
        describeViolations(serious),
      ).toEqual([]);
    },
  );
});
