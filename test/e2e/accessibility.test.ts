import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const pages = [
  ['the front page', '/'],
  ['a post', '/posts/proxy-layers/'],
  ['a tag page', '/tags/istio/'],
  ['the search results', '/search/?q=istio'],
] as const;
const themes = ['light', 'dark'] as const;
const cases = pages.flatMap(([name, path]) => themes.map((theme) => [name, theme, path] as const));

/** One line per failing element: rule, impact, where, and how to fix it. */
function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map(
        (n) => `    at ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
      );
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n\n');
}

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

  async function audit(page: Page): Promise<AxeResults> {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(() => (window as unknown as { axe: typeof import('axe-core') }).axe.run());
  }

  it.each(cases)(
    'when %s is shown in the %s theme, then axe finds nothing serious or critical',
    async (_name, theme, path) => {
      context = await browser.newContext({ baseURL: server.url, colorScheme: theme });
      const page = await context.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);

      const results = await audit(page);

      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => v.id),
        describeViolations(serious),
      ).toEqual([]);
    },
  );
});
