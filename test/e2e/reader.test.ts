import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bodyBackgroundLuminance, launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const NEWEST = 'Testing a Kubernetes Networking Implementation Without Kubernetes';
const PROXY_LAYERS = '/posts/proxy-layers/';
// Has the widest code block of the sample posts: the one most likely to push a phone screen sideways.
const POST_WITH_CODE = '/posts/building-a-better-kubernetes-client/';

describe.skipIf(skipWithoutChromium())("the reader's site in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** A fresh browser profile (no saved theme) with one page at `path`. */
  async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, ...options });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(path);
    return page;
  }

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  describe('reading', () => {
    it('when a reader opens the front page, then ten post cards are listed with the newest first', async () => {
      const page = await open('/');

      const cards = page.locator('article.post-entry');

      expect(await cards.count()).toBe(10);
      expect(await cards.first().getByRole('heading').innerText()).toBe(NEWEST);
    });

    it('when a reader clicks a post card, then that post opens', async () => {
      const page = await open('/');
      const card = page.locator('article.post-entry', {
        has: page.getByRole('heading', { name: 'Proxy Layers', exact: true }),
      });
      expect(await card.getByRole('link').count(), 'the whole card is one link').toBe(1);

      await Promise.all([page.waitForURL(`**${PROXY_LAYERS}`), card.click()]);

      expect(await h1(page)).toBe('Proxy Layers');
    });

    it('when a reader follows a tag link on a post, then the tag page lists that post', async () => {
      const page = await open(PROXY_LAYERS);
      const tag = page.locator('.post-tags').getByRole('link').first();
      const tagName = (await tag.innerText()).replace(/^Tag:\s*/, '').trim();

      await Promise.all([page.waitForURL('**/tags/*/'), tag.click()]);

      expect(await h1(page)).toBe(tagName);
      const titles = await page.locator('article.post-entry').getByRole('heading').allInnerTexts();
      expect(titles).toContain('Proxy Layers');
    });

    it('when a reader asks for a page that does not exist, then a 404 page links home', async () => {
      const page = await open('about:blank');

      const response = await page.goto('/no-such-page/');

      expect(response?.status()).toBe(404);
      expect(await h1(page)).toMatch(/404/);
      const home = page.getByRole('main').getByRole('link', { name: /home/i });
      expect(await home.getAttribute('href')).toBe('/');
    });
  });

  describe('search', () => {
    async function searchFor(page: Page, query: string) {
      const field = page.getByLabel('Search', { exact: true });
      await field.fill(query);
      await Promise.all([page.waitForURL(/\/search\/\?q=/), field.press('Enter')]);
    }

    async function resultsOf(page: Page) {
      const list = page.getByRole('list', { name: 'Search results' });
      return {
        hrefs: await list.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
        marks: await list.locator('mark').allInnerTexts(),
      };
    }

    it('when a reader searches for "istio" from the menu, then posts are listed with the matches highlighted', async () => {
      const page = await open('/');
      await Promise.all([
        page.waitForURL('**/search/'),
        page.getByRole('navigation').getByRole('link', { name: 'Search', exact: true }).click(),
      ]);

      await searchFor(page, 'istio');

      const { hrefs, marks } = await resultsOf(page);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect(href).toMatch(/^\/posts\/[^/]+\/$/);
      expect(marks.length).toBeGreaterThan(0);
      for (const mark of marks) expect(mark.toLowerCase()).toContain('istio');
    });

    it('when JavaScript is disabled, then search still finds posts', async () => {
      const page = await open('/search/', { javaScriptEnabled: false });

      await searchFor(page, 'istio');

      const { hrefs, marks } = await resultsOf(page);
      expect(hrefs.length).toBeGreaterThan(0);
      expect(marks.length).toBeGreaterThan(0);
    });
  });

  describe('theme', () => {
    const theme = (page: Page) =>
      page.evaluate(() => {
        const set = document.documentElement.dataset.theme;
        if (set) return set;
        return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
      });
    const bodyBackground = (page: Page) =>
      page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const toggle = (page: Page) => page.getByRole('button', { name: 'Toggle theme' }).click();

    it('when a reader on a light system clicks "Toggle theme", then the page turns dark', async () => {
      const page = await open('/', { colorScheme: 'light' });
      expect(await theme(page)).toBe('light');
      const before = await bodyBackground(page);

      await toggle(page);

      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await bodyBackground(page)).not.toBe(before);
      expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.2);
    });

    it('when a reader has toggled the theme and reloads, then the choice is kept', async () => {
      const page = await open('/', { colorScheme: 'light' });
      await toggle(page);

      await page.reload();

      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.2);
    });

    it('when the system prefers dark and nothing is saved, then the page is dark', async () => {
      const page = await open('/', { colorScheme: 'dark' });

      expect(await theme(page)).toBe('dark');
      expect(await bodyBackgroundLuminance(page)).toBeLessThan(0.2);
    });

    it('when the system prefers light and nothing is saved, then the page is light', async () => {
      const page = await open('/', { colorScheme: 'light' });

      expect(await bodyBackgroundLuminance(page)).toBeGreaterThan(0.5);
    });
  });

  describe('on a phone', () => {
    it.each([
      ['the front page', '/'],
      ['a post with code', POST_WITH_CODE],
    ])('when %s is opened on a 390×844 screen, then nothing scrolls sideways', async (_name, path) => {
      const page = await open(path, { viewport: { width: 390, height: 844 } });

      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));

      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    });
  });

  describe('privacy', () => {
    it('when a reader browses the site, then no request goes to another host', async () => {
      const page = await open('about:blank');
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));

      await page.goto('/');
      await page.goto(PROXY_LAYERS);
      const tagUrl = await page.locator('.post-tags').getByRole('link').first().getAttribute('href');
      await page.goto(tagUrl!);
      await page.goto('/search/?q=istio');
      await page.goto('/archives/');
      await page.waitForLoadState('networkidle');

      // data: URLs (inline images, fonts) reach no host at all.
      const foreign = requested.filter(
        (url) => !url.startsWith('data:') && new URL(url).origin !== server.url,
      );
      expect(requested.length).toBeGreaterThan(5);
      expect(foreign, `requests to other hosts:\n${foreign.join('\n')}`).toEqual([]);
    });
  });
});
