import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import seed from '../fixtures/seed-front-page.json' with { type: 'json' };
import { importSampleContent } from '../../src/import/sample-content.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { entriesOf } from '../helpers/html.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await importSampleContent(t.db, () => {});
});
afterAll(() => t.cleanup());

describe('the front page with the sample content', () => {
  it('when a reader opens /, then it lists the seed blog posts in its order with its titles, summaries and dates', async () => {
    const res = await request(t.app).get('/').expect(200);
    const entries = entriesOf(res.text);
    expect(entries.map((e) => e.title)).toEqual(seed.map((s) => s.title));
    expect(entries.map((e) => e.summary)).toEqual(seed.map((s) => s.summary));
    expect(entries.map((e) => e.meta.split(' · ')[0])).toEqual(seed.map((s) => s.date));
  });

  it('when a reader opens /, then every meta line reads "DATE · N min" with no stray separator', async () => {
    const res = await request(t.app).get('/').expect(200);
    for (const e of entriesOf(res.text)) expect(e.meta).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4} · \d+ min$/);
  });

  it('when a reader opens /, then each card is an article.post-entry with one link to its post', async () => {
    const res = await request(t.app).get('/').expect(200);
    const cards = res.text.match(/<article class="post-entry">[\s\S]*?<\/article>/g) ?? [];
    expect(cards).toHaveLength(10);
    for (const card of cards) {
      const links = card.match(/<a [^>]*href="([^"]+)"/g) ?? [];
      expect(links).toHaveLength(1);
      expect(links[0]).toMatch(/href="\/posts\/[a-z0-9-]+\/"/);
    }
  });

  it('when a reader follows a card, then the post page answers with its title and content', async () => {
    const res = await request(t.app).get('/posts/proxy-layers/').expect(200);
    expect(res.text).toContain('<h1 class="post-title');
    expect(res.text).toContain('Proxy Layers');
    expect(res.text).toContain('<div class="post-content">');
    expect(res.text).toContain('application/ld+json');
  });

  it('when a reader opens the About page, then it is served at /about/', async () => {
    const res = await request(t.app).get('/about/').expect(200);
    expect(res.text).toContain('About');
  });
});
