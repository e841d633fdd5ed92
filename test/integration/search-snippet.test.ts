/** Search results' snippets: the words searched for are marked, and nothing a post holds becomes markup. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await addPost(t, {
    slug: 'controls',
    title: 'Controls',
    markdown: 'Before \u0002quiet\u0003 and \u0002<b>bold</b>\u0003 then the okapi walks \u0003off\u0002 away.',
  });
});
afterAll(() => t.cleanup());

// eslint-disable-next-line no-control-regex -- control characters are what a snippet must not hold
const UNSAFE = /[<>\u0000-\u0008\u000b-\u001f]/;

/** The snippets of the results page, as sent. */
const snippetsOf = (html: string) =>
  [...html.matchAll(/<div class="entry-content"><p>([\s\S]*?)<\/p><\/div>/g)].map((m) => m[1]!);

describe('search snippets', () => {
  it('when a post holds the marker characters around words, then only the searched word is marked', async () => {
    const res = await request(t.app).get('/search/?q=okapi').expect(200);

    const [snippet] = snippetsOf(res.text);
    expect(snippet).toBeDefined();
    expect(snippet!.match(/<mark>[\s\S]*?<\/mark>/g)).toEqual(['<mark>okapi</mark>']);
    expect(snippet!.replace(/<\/?mark>/g, '')).not.toMatch(UNSAFE);
    expect(snippet).toContain('quiet');
  });

  it('when the searched word is itself between marker characters, then it alone is marked, once', async () => {
    const res = await request(t.app).get('/search/?q=quiet').expect(200);

    const [snippet] = snippetsOf(res.text);
    expect(snippet!.match(/<mark>[\s\S]*?<\/mark>/g)).toEqual(['<mark>quiet</mark>']);
    expect(snippet!.replace(/<\/?mark>/g, '')).not.toMatch(UNSAFE);
  });
});
