import sharp from 'sharp';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipWithoutChromium } from '../helpers/browser.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const EMAIL = 'admin@example.com';
const PASSWORD = 'correct horse battery';
// The scheduled post goes live up to two minutes after it is saved; the page is reloaded every 5 s.
const SCHEDULE_POLL_MS = 5_000;
const SCHEDULE_WAIT_MS = 150_000;

type Status = 'Draft' | 'Published' | 'Scheduled';

describe.skipIf(skipWithoutChromium())("the editor's side in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

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
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** A fresh browser profile with one blank page. */
  async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.url, ...options });
    contexts.push(context);
    return context.newPage();
  }

  /** Signs in through the form, as a person does, and lands on `path`. */
  async function signIn(page: Page, path = '/admin/'): Promise<void> {
    await page.goto(`/admin/login?next=${encodeURIComponent(path)}`);
    await page.getByLabel('Email', { exact: true }).fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/admin/login')),
      signInButton(page).click(),
    ]);
  }

  async function signedIn(path = '/admin/', options: BrowserContextOptions = {}): Promise<Page> {
    const page = await newPage(options);
    await signIn(page, path);
    return page;
  }

  const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in', exact: true });
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

  /** Status is a select or a group of radio buttons: either way, chosen by its visible name. */
  async function chooseStatus(page: Page, status: Status): Promise<void> {
    const control = field(page, 'Status');
    if ((await control.count()) === 1 && (await control.evaluate((el) => el.tagName)) === 'SELECT') {
      await control.selectOption({ label: status });
    } else {
      await page.getByRole('radio', { name: status, exact: true }).check();
    }
  }

  /** Presses Save and waits for the page that answers; fails with the form's messages if it is not a success. */
  async function save(page: Page): Promise<void> {
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    const flashes = await page.locator('.flash').allInnerTexts();
    const fieldErrors = await page.locator('.field-error').allInnerTexts();
    expect(
      await page.locator('.flash-success').count(),
      `Save did not succeed: flash ${JSON.stringify(flashes)}, field errors ${JSON.stringify(fieldErrors)}`,
    ).toBeGreaterThan(0);
  }

  /** Opens New post from the posts list and fills the editor. */
  async function writePost(
    page: Page,
    post: { title: string; content: string; status: Status; publishAt?: string },
  ): Promise<void> {
    await page.goto('/admin/posts');
    await Promise.all([
      page.waitForURL('**/admin/posts/new'),
      page.getByRole('link', { name: 'New post' }).click(),
    ]);
    await field(page, 'Title').fill(post.title);
    await field(page, 'Content').fill(post.content);
    await chooseStatus(page, post.status);
    if (post.publishAt !== undefined) await page.getByLabel('Publish at').fill(post.publishAt);
  }

  async function frontPageTitles(page: Page): Promise<string[]> {
    return page.locator('article.post-entry').getByRole('heading').allInnerTexts();
  }

  async function feedText(page: Page): Promise<string> {
    const response = await page.request.get('/index.xml');
    expect(response.status()).toBe(200);
    return response.text();
  }

  describe('signing in and out', () => {
    it('when an editor signs in, then /admin/ shows the posts list', async () => {
      const page = await newPage();
      await page.goto('/admin/');
      expect(new URL(page.url()).pathname, 'an anonymous visit is sent to sign in').toBe('/admin/login');

      await page.getByLabel('Email', { exact: true }).fill(EMAIL);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await Promise.all([page.waitForURL('**/admin/posts'), signInButton(page).click()]);

      expect(await h1(page)).toBe('Posts');
      expect(await page.getByRole('link', { name: 'New post' }).count()).toBe(1);
      expect(await page.locator('table.admin-table tbody tr').count()).toBeGreaterThan(0);
    });

    it('when an editor presses Sign out, then /admin/ asks for sign-in again', async () => {
      const page = await signedIn();

      await Promise.all([
        page.waitForURL('**/admin/login'),
        page.getByRole('button', { name: 'Sign out', exact: true }).click(),
      ]);
      await page.goto('/admin/');

      expect(new URL(page.url()).pathname).toBe('/admin/login');
      expect(await signInButton(page).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    });
  });

  describe('writing', () => {
    it('when an editor types Markdown, then the preview shows it rendered without reloading the page', async () => {
      const page = await signedIn('/admin/posts');
      await Promise.all([
        page.waitForURL('**/admin/posts/new'),
        page.getByRole('link', { name: 'New post' }).click(),
      ]);
      // Survives only as long as this document does: a reload or a navigation would drop it.
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));

      await field(page, 'Content').fill(
        '## Preview heading\n\nSome *text*.\n\n```js\nconst answer = 42;\n```\n',
      );

      const preview = page.locator('.editor-preview');
      await preview.getByRole('heading', { name: 'Preview heading' }).waitFor({ timeout: 10_000 });
      await preview
        .locator('pre code')
        .filter({ hasText: 'const answer = 42;' })
        .waitFor({ timeout: 10_000 });
      expect(
        await preview.locator('pre code .hljs-keyword').count(),
        'the code is highlighted',
      ).toBeGreaterThan(0);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
        true,
      );
    });

    it('when an editor publishes a post, then a flash confirms it and it is at the top of the front page', async () => {
      const title = 'Published from the browser';
      const page = await signedIn();
      await writePost(page, { title, content: 'Hello, **readers**.', status: 'Published' });

      await save(page);
      await page.goto('/');

      expect((await frontPageTitles(page))[0]).toBe(title);
    });

    it('when the slug of a published post is renamed, then its old URL lands on the new one', async () => {
      const title = 'A post that moves';
      const page = await signedIn();
      await writePost(page, { title, content: 'Moving house.', status: 'Published' });
      await save(page);
      const oldSlug = await field(page, 'Slug').inputValue();
      expect(oldSlug).not.toBe('');

      await field(page, 'Slug').fill('a-post-that-moved');
      await save(page);
      await page.goto(`/posts/${oldSlug}/`);

      expect(new URL(page.url()).pathname).toBe('/posts/a-post-that-moved/');
      expect(await h1(page)).toBe(title);
    });
  });

  describe('nothing lost', () => {
    it('when the editor is left with unsaved text, then the browser asks first', async () => {
      const page = await signedIn('/admin/posts/new');
      await field(page, 'Title').fill('Not saved yet');
      await field(page, 'Content').click();
      await page.keyboard.type('Words I have not saved.');
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.type());
        void dialog.accept();
      });

      await page.reload();

      expect(dialogs).toEqual(['beforeunload']);
    });

    it('when the editor is reloaded with unsaved text, then it offers the text back', async () => {
      const typed = 'A paragraph typed just before the tab crashed.';
      const page = await signedIn('/admin/posts/new');
      await field(page, 'Title').fill('Draft in the browser');
      await field(page, 'Content').click();
      await page.keyboard.type(typed);
      page.on('dialog', (dialog) => void dialog.accept());

      await page.reload();
      await page.getByRole('button', { name: /restore/i }).click();

      expect(await field(page, 'Content').inputValue()).toContain(typed);
    });
  });

  describe('destructive actions', () => {
    /** A published post open in the editor, and the question its Move to trash button asks. */
    async function postToTrash(title: string): Promise<Page> {
      const page = await signedIn();
      await writePost(page, { title, content: 'Soon gone, maybe.', status: 'Published' });
      await save(page);
      return page;
    }

    it('when an editor answers No to "Move to trash?", then the post stays where it was', async () => {
      const title = 'Kept after all';
      const page = await postToTrash(title);
      const questions: string[] = [];
      page.on('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });

      await page.getByRole('button', { name: 'Move to trash' }).click();
      await page.goto('/');

      expect(questions).toEqual(['Move this post to the trash?']);
      expect(await frontPageTitles(page)).toContain(title);
    });

    it('when an editor answers Yes to "Move to trash?", then the post leaves the site with a flash', async () => {
      const title = 'Trashed on purpose';
      const page = await postToTrash(title);
      page.on('dialog', (dialog) => void dialog.accept());

      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Move to trash' }).click(),
      ]);
      expect(await page.locator('.flash-success').count(), 'a flash says what happened').toBe(1);
      await page.goto('/');

      expect(await frontPageTitles(page)).not.toContain(title);
    });
  });

  describe('media', () => {
    it('when an image is uploaded and its Markdown put in a published post, then the image loads on the post', async () => {
      const page = await signedIn('/admin/media', { permissions: ['clipboard-read', 'clipboard-write'] });
      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } },
      })
        .png()
        .toBuffer();

      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: png });
      await Promise.all([
        page.waitForEvent('load'),
        page.getByRole('button', { name: 'Upload', exact: true }).click(),
      ]);
      expect(
        await page.locator('.flash-success').count(),
        await page.locator('.flash').allInnerTexts().then(String),
      ).toBe(1);
      const copy = page
        .locator('.media-item')
        .first()
        .getByRole('button', { name: /copy markdown/i });
      await copy.click();
      // The copy is asynchronous: wait until the clipboard holds an image's Markdown.
      const copied = await page.waitForFunction(async () => {
        const text = await navigator.clipboard.readText();
        return /^!\[[^\]]*\]\(\/\S+\)$/.test(text) ? text : false;
      });
      const markdown = (await copied.jsonValue()) as string;

      await writePost(page, {
        title: 'A post with a picture',
        content: `Look at this:\n\n${markdown}\n`,
        status: 'Published',
      });
      await save(page);
      const slug = await field(page, 'Slug').inputValue();
      await page.goto(`/posts/${slug}/`);
      const image = page.locator('.post-content img').first();
      await image.scrollIntoViewIfNeeded();

      const width = await image.evaluate((img: HTMLImageElement) =>
        img.complete
          ? img.naturalWidth
          : new Promise<number>((resolve) => {
              img.addEventListener('load', () => resolve(img.naturalWidth));
              img.addEventListener('error', () => resolve(0));
            }),
      );
      expect(width).toBeGreaterThan(0);
    });
  });

  describe('scheduling', () => {
    it(
      'when a post is scheduled a minute ahead, then it is absent from the front page and feed until its minute, then present with nobody doing anything',
      { timeout: SCHEDULE_WAIT_MS + 60_000 },
      async () => {
        const title = 'Goes live by itself';
        // The next whole minute at least 60 s away, in the site's time zone (UTC by default).
        const at = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000);
        const page = await signedIn();
        await writePost(page, {
          title,
          content: 'Written earlier, published later.',
          status: 'Scheduled',
          publishAt: at.toISOString().slice(0, 16),
        });

        await save(page);
        await page.goto('/');
        expect(await frontPageTitles(page)).not.toContain(title);
        expect(await feedText(page)).not.toContain(title);

        const deadline = Date.now() + SCHEDULE_WAIT_MS;
        while (!(await frontPageTitles(page)).includes(title)) {
          if (Date.now() > deadline)
            throw new Error(`"${title}" was not on the front page ${SCHEDULE_WAIT_MS / 1000} s later.`);
          await page.waitForTimeout(SCHEDULE_POLL_MS);
          await page.reload();
        }
        expect(await feedText(page)).toContain(`<title>${title}</title>`);
      },
    );
  });
});
