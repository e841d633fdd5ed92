// Page callbacks passed to page.evaluate() run in the browser, so the e2e tests need DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

let warned = false;

/**
 * Whether the browser tests must be skipped: only when Chromium is missing outside CI, and then
 * loudly. Under CI=true a missing Chromium is not skipped, so launchBrowser() fails the run.
 */
export function skipWithoutChromium(): boolean {
  if (chromiumAvailable() || process.env.CI === 'true') return false;
  if (!warned) {
    warned = true;
    const line = '!'.repeat(78);
    console.warn(
      [
        line,
        `!!  BROWSER TESTS SKIPPED: ${CHROMIUM_PATH} not found;`,
        '!!  install it with apt-get install chromium (under CI=true this is a failure).',
        line,
      ].join('\n'),
    );
  }
  return true;
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(
      `${CHROMIUM_PATH} not found: install it with apt-get install chromium (required when CI=true).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Any CSS colour as [r, g, b] in 0–255, resolved by the page itself (works for rgb(), oklch(), …). */
export function rgbOf(page: Page, cssColor: string): Promise<[number, number, number, number]> {
  return page.evaluate((color) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a!] as [number, number, number, number];
  }, cssColor);
}

/** Relative luminance (WCAG) of the body's computed background: 0 is black, 1 is white. */
export async function bodyBackgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b, a] = await rgbOf(page, color);
  if (a === 0) throw new Error(`The body has a transparent background (${color}).`);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
