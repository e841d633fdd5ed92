import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findImageRefs } from '../../src/content/image-refs.js';
import { exportMediaFiles, exportSite } from '../../src/import/export-site.js';
import { createImageImporter, imagesHook } from '../../src/import/images.js';
import { importHugoSite } from '../../src/import/import-site.js';
import { contentKey, storeImageOnce } from '../../src/media/store-image.js';
import { listPostsForExport, savePost } from '../../src/models/posts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const BUNDLE = `---
title: A trip with pictures
date: 2024-05-01
cover:
  image: cover.jpg
  alt: The road
---

![The road](cover.jpg "On the road")

{{< figure src="diagrams/flow.png" title="How it flows" >}}

<img alt="flow again" src="diagrams/flow.png">

![same bytes as a static file](x-copy.png)

![gone](nowhere.png)

![hostile](../../../../outside.png)

![not an image](fake.png)

![remote](https://example.com/remote.png) ![inline](data:image/png;base64,iVBORw0KGgo=)

\`\`\`markdown
![shown as an example](diagrams/flow.png)
\`\`\`
`;

const STATIC_POST = `+++
title = "A photo from static"
date = 2024-04-01

[cover]
image = "/images/x.png"
+++

![A photo](/images/photo.webp)

![A diagram](/images/diagram.svg)

![A link out](/images/escape.png)

![Climbing out](/images/../../../outside.png)
`;

const PLAIN_POST = '---\ntitle: No pictures\ndate: 2024-03-01\n---\n\nJust words.\n';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

let tmp: string;
let site: string;
let t: TestApp;
let other: TestApp;
let log: string[];
let firstReport: Awaited<ReturnType<typeof importHugoSite>>;
const outcomes = new Map<string, Awaited<ReturnType<ReturnType<typeof imagesHook>>>>();

async function writeSite(): Promise<void> {
  const write = (rel: string, data: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
    fs.writeFileSync(path.join(site, rel), data);
  };
  const x = await solid(50, 50).png().toBuffer();
  write('content/posts/trip/index.md', BUNDLE);
  write('content/posts/trip/cover.jpg', await solid(2000, 1000).jpeg().toBuffer());
  write('content/posts/trip/diagrams/flow.png', await solid(300, 200).png().toBuffer());
  write('content/posts/trip/x-copy.png', x);
  write('content/posts/trip/fake.png', 'just some text, named like an image\n');
  write('content/posts/photo.md', STATIC_POST);
  write('content/posts/plain.md', PLAIN_POST);
  write('static/images/photo.webp', await solid(400, 300).webp().toBuffer());
  write('static/images/x.png', x);
  write(
    'static/images/diagram.svg',
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  fs.writeFileSync(path.join(tmp, 'outside.png'), await solid(10, 10).png().toBuffer());
  fs.symlinkSync(path.join(tmp, 'outside.png'), path.join(site, 'static/images/escape.png'));
}

/** Imports `dir` into `into` with its images, as the import command does. */
async function importWithImages(into: TestApp, dir: string) {
  const lines: string[] = [];
  const hook = imagesHook(
    createImageImporter({ db: into.db, dataDir: into.dir, siteDir: dir, log: (l) => lines.push(l) }),
  );
  const results = new Map<string, Awaited<ReturnType<typeof hook>>>();
  const report = await importHugoSite(dir, {
    savePost: (input) => savePost(into.db, input),
    images: async (file, input) => {
      const result = await hook(file, input);
      results.set(file.relPath, result);
      return result;
    },
    log: (l) => lines.push(l),
  });
  return { results, lines, report };
}

const markdownOf = async (app: TestApp, slug: string) =>
  (await app.db.post.findFirstOrThrow({ where: { slug } })).markdown;

const mediaUrlsIn = (text: string) => [...new Set(text.match(/\/media\/[0-9a-f]{32}\/[a-z0-9.-]+/g) ?? [])];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-images-'));
  site = path.join(tmp, 'site');
  await writeSite();
  t = await createTestApp();
  other = await createTestApp();
  const first = await importWithImages(t, site);
  log = first.lines;
  firstReport = first.report;
  for (const [k, v] of first.results) outcomes.set(k, v);
});

afterAll(async () => {
  await t?.cleanup();
  await other?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('importing the images of a Hugo site', () => {
  it('when the site is imported, then the report counts the images copied', () => {
    expect(firstReport).toMatchObject({ imported: 3, failed: 0, imagesCopied: 4 });
  });

  it('when a bundle refers to its own files, then each reference points at the media store', async () => {
    const md = await markdownOf(t, 'trip');
    expect(md).toMatch(/!\[The road\]\(\/media\/[0-9a-f]{32}\/cover-1600\.jpg "On the road"\)/);
    expect(md).toMatch(/\{\{< figure src="\/media\/[0-9a-f]{32}\/flow\.png" title="How it flows" >\}\}/);
    expect(md).toMatch(/<img alt="flow again" src="\/media\/[0-9a-f]{32}\/flow\.png">/);
    expect(md).not.toContain('](cover.jpg');
  });

  it('when an image path is inside a code block, then it is left as written', async () => {
    expect(await markdownOf(t, 'trip')).toContain(
      '```markdown\n![shown as an example](diagrams/flow.png)\n```',
    );
  });

  it('when an address is remote or a data: URI, then it is left alone and not reported', async () => {
    const md = await markdownOf(t, 'trip');
    expect(md).toContain('(https://example.com/remote.png)');
    expect(md).toContain('(data:image/png;base64,iVBORw0KGgo=)');
    const refs = [...outcomes.values()].flatMap((o) => [...o.missing, ...o.skipped].map((p) => p.ref));
    expect(refs.some((r) => r.startsWith('https:') || r.startsWith('data:'))).toBe(false);
  });

  it('when a post uses /images/ from static/ and a cover there, then both are stored and rewritten', async () => {
    const md = await markdownOf(t, 'photo');
    expect(md).toMatch(/!\[A photo\]\(\/media\/[0-9a-f]{32}\/photo\.webp\)/);
    const post = await t.db.post.findFirstOrThrow({ where: { slug: 'photo' } });
    expect(JSON.parse(post.extraJson)).toEqual({
      cover: { image: expect.stringMatching(/^\/media\/[0-9a-f]{32}\/x\.png$/) },
    });
  });

  it('when the bundle cover is relative, then it is found beside index.md', async () => {
    const post = await t.db.post.findFirstOrThrow({ where: { slug: 'trip' } });
    expect(post.coverImage).toMatch(/^\/media\/[0-9a-f]{32}\/cover-1600\.jpg$/);
    expect(JSON.parse(post.extraJson)).toEqual({
      cover: { image: expect.stringMatching(/^\/media\/[0-9a-f]{32}\/cover-1600\.jpg$/), alt: 'The road' },
    });
  });

  it('when the same bytes sit at two paths, then they are stored once', async () => {
    const copy = /!\[same bytes as a static file\]\((\/media\/[^)]+)\)/.exec(
      await markdownOf(t, 'trip'),
    )?.[1];
    const post = await t.db.post.findFirstOrThrow({ where: { slug: 'photo' } });
    expect(copy).toBe((JSON.parse(post.extraJson) as { cover: { image: string } }).cover.image);
    expect(await t.db.media.count()).toBe(4);
  });

  it('when the site is imported, then every rewritten image loads with an image content type', async () => {
    const posts = await t.db.post.findMany();
    const urls = mediaUrlsIn(posts.map((p) => p.markdown + p.extraJson).join('\n'));
    expect(urls).toHaveLength(4);
    for (const url of urls) {
      const res = await request(t.app).get(url);
      expect([url, res.status, res.headers['content-type']]).toEqual([
        url,
        200,
        expect.stringMatching(/^image\//),
      ]);
    }
  });

  it('when the post page is read, then every image on it loads but those the import reported', async () => {
    const page = await request(t.app).get('/posts/trip/').expect(200);
    const srcs = [...page.text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((s) => s.startsWith('/media/'));
    expect(srcs.length).toBeGreaterThanOrEqual(2);
    for (const src of srcs)
      await request(t.app)
        .get(src)
        .expect(200)
        .expect('Content-Type', /^image\//);
    const others = [...page.text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((s) => !s.startsWith('/media/'));
    // Only the references the import reported are left pointing elsewhere.
    expect(others.filter((s) => !s.startsWith('https:')).sort()).toEqual([
      '../../../../outside.png',
      'fake.png',
      'nowhere.png',
    ]);
    expect(srcs).toContainEqual(expect.stringMatching(/\/flow\.png$/));
  });

  it('when an image is missing, then it is reported with its file line and left as written', async () => {
    const trip = outcomes.get('content/posts/trip/index.md')!;
    const line = BUNDLE.split('\n').indexOf('![gone](nowhere.png)') + 1;
    expect(trip.missing).toEqual([{ ref: 'nowhere.png', line }]);
    expect(log).toContain(`content/posts/trip/index.md:${line}: image "nowhere.png": not found; left as is`);
    expect(await markdownOf(t, 'trip')).toContain('![gone](nowhere.png)');
  });

  it('when a file is text named .png, then it is refused and the reference left as written', async () => {
    const trip = outcomes.get('content/posts/trip/index.md')!;
    expect(trip.skipped).toContainEqual(
      expect.objectContaining({ ref: 'fake.png', reason: 'not a JPEG, PNG, GIF or WebP image; left as is' }),
    );
    expect(await markdownOf(t, 'trip')).toContain('![not an image](fake.png)');
  });

  it('when an SVG is referenced, then it is not stored and the warning says why', async () => {
    const photo = outcomes.get('content/posts/photo.md')!;
    expect(photo.skipped).toContainEqual(
      expect.objectContaining({
        ref: '/images/diagram.svg',
        reason: 'SVG is not stored (it can carry scripts); left as is',
      }),
    );
    expect(await markdownOf(t, 'photo')).toContain('![A diagram](/images/diagram.svg)');
  });

  it('when the post has no images, then nothing is stored for it and its text is untouched', async () => {
    expect(outcomes.get('content/posts/plain.md')).toMatchObject({
      copied: 0,
      reused: 0,
      missing: [],
      skipped: [],
    });
    expect(await markdownOf(t, 'plain')).toBe('Just words.\n');
  });
});

describe('addresses the importer is given', () => {
  const importer = (extra: Partial<Parameters<typeof createImageImporter>[0]> = {}) =>
    createImageImporter({ db: t.db, dataDir: t.dir, siteDir: site, ...extra });
  const bundleDir = () => path.join(site, 'content/posts/trip');

  it("when an image is written with the site's own full address, then it is stored like a local one", async () => {
    const result = await importer({ baseUrl: 'https://blog.example.org/' }).importPostImages({
      markdown:
        '![a](https://blog.example.org/images/photo.webp) ![b](https://elsewhere.example/images/photo.webp)',
      coverImage: '',
      fileDir: path.join(site, 'content/posts'),
      bundle: false,
    });
    expect(result.markdown).toMatch(
      /^!\[a\]\(\/media\/[0-9a-f]{32}\/photo\.webp\) !\[b\]\(https:\/\/elsewhere/,
    );
    expect(result).toMatchObject({ copied: 0, reused: 1, missing: [], skipped: [] });
  });

  it('when the site is served under a path, then /path/images/x is found in static/', async () => {
    const result = await importer({ baseUrl: 'https://example.org/blog/' }).importPostImages({
      markdown: '![a](/blog/images/photo.webp#center)',
      coverImage: '',
      fileDir: path.join(site, 'content/posts'),
      bundle: false,
    });
    expect(result.markdown).toMatch(/^!\[a\]\(\/media\/[0-9a-f]{32}\/photo\.webp#center\)$/);
  });

  it('when a file is larger than the limit, then it is not read and the reference is left', async () => {
    const result = await importer({ maxBytes: 100 }).importPostImages({
      markdown: '![big](cover.jpg)',
      coverImage: '',
      fileDir: bundleDir(),
      bundle: true,
    });
    expect(result.markdown).toBe('![big](cover.jpg)');
    expect(result.skipped).toEqual([
      { ref: 'cover.jpg', line: 1, reason: 'larger than 100 bytes; left as is' },
    ]);
  });

  it('when a post is not a bundle, then a relative address is looked for in static/ first', async () => {
    const result = await importer().importPostImages({
      markdown: '![x](images/x.png)',
      coverImage: 'images/photo.webp',
      fileDir: path.join(site, 'content/posts'),
      bundle: false,
    });
    expect(result.markdown).toMatch(/\/media\/[0-9a-f]{32}\/x\.png/);
    expect(result.coverImage).toMatch(/^\/media\/[0-9a-f]{32}\/photo\.webp$/);
  });

  it('when the cover is missing, then it is reported on line 0 (the front matter) and left', async () => {
    const result = await importer().importPostImages({
      markdown: '',
      coverImage: 'gone.jpg',
      fileDir: bundleDir(),
      bundle: true,
    });
    expect(result).toMatchObject({ coverImage: 'gone.jpg', missing: [{ ref: 'gone.jpg', line: 0 }] });
  });
});

describe('storing a file once', () => {
  it('when an earlier import stopped after writing files but before the row, then the files are made again', async () => {
    const bytes = await solid(20, 20).png().toBuffer();
    const key = contentKey(bytes);
    fs.mkdirSync(path.join(t.dir, 'uploads', key), { recursive: true });
    fs.writeFileSync(path.join(t.dir, 'uploads', key, 'half.png'), 'half written');
    const stored = await storeImageOnce(t.db, t.dir, { bytes, originalName: 'left-over.png' });
    expect(stored).toMatchObject({ key, created: true, url: `/media/${key}/left-over.png` });
    expect(fs.readdirSync(path.join(t.dir, 'uploads', key)).sort()).toEqual([
      'left-over.png',
      'left-over.webp',
    ]);
    expect(await storeImageOnce(t.db, t.dir, { bytes, originalName: 'other-name.png' })).toMatchObject({
      key,
      created: false,
      url: stored.url,
    });
    await t.db.media.delete({ where: { key } });
    fs.rmSync(path.join(t.dir, 'uploads', key), { recursive: true, force: true });
  });
});

describe('files outside the site', () => {
  it('when a path climbs out of the site, then the file is not read and the reference is left', async () => {
    const trip = outcomes.get('content/posts/trip/index.md')!;
    const photo = outcomes.get('content/posts/photo.md')!;
    const refused = [...trip.skipped, ...photo.skipped].filter((s) => s.reason.includes('outside the site'));
    expect(refused.map((s) => s.ref).sort()).toEqual([
      '../../../../outside.png',
      '/images/../../../outside.png',
      '/images/escape.png',
    ]);
    expect(await markdownOf(t, 'trip')).toContain('![hostile](../../../../outside.png)');
  });

  it('when a symlink in static/ points outside, then its target is never stored', async () => {
    expect(await markdownOf(t, 'photo')).toContain('![A link out](/images/escape.png)');
    const names = (await t.db.media.findMany()).map((m) => m.originalName).sort();
    expect(names).toEqual(['cover.jpg', 'flow.png', 'photo.webp', 'x.png']);
  });
});

describe('importing the same site again', () => {
  it('when the site is imported a second time, then no image is stored twice and the text is the same', async () => {
    const before = await t.db.post.findMany({
      orderBy: { slug: 'asc' },
      select: { markdown: true, extraJson: true },
    });
    const again = await importWithImages(t, site);
    expect(await t.db.media.count()).toBe(4);
    expect([...again.results.values()].reduce((n, r) => n + r.copied, 0)).toBe(0);
    expect(again.results.get('content/posts/trip/index.md')?.reused).toBe(3);
    expect(
      await t.db.post.findMany({ orderBy: { slug: 'asc' }, select: { markdown: true, extraJson: true } }),
    ).toEqual(before);
  });
});

describe('exporting a site with images', () => {
  let out: string;
  let media: Awaited<ReturnType<typeof exportMediaFiles>>;
  beforeAll(async () => {
    out = path.join(tmp, 'export');
    fs.mkdirSync(out);
    const posts = await listPostsForExport(t.db);
    await exportSite(out, posts);
    media = await exportMediaFiles(out, t.dir, posts);
  });

  it('when posts show stored images, then those files are written under static/media/ byte for byte', async () => {
    const posts = await t.db.post.findMany();
    const urls = mediaUrlsIn(posts.map((p) => p.markdown + p.extraJson).join('\n'));
    expect(media).toEqual({ copied: urls.length, missing: [], failed: [] });
    for (const url of urls) {
      const exported = fs.readFileSync(path.join(out, 'static', url));
      expect(exported.equals(fs.readFileSync(path.join(t.dir, 'uploads', url.replace('/media/', ''))))).toBe(
        true,
      );
    }
  });

  it('when posts are exported, then one folder is written per stored image they show', () => {
    expect(fs.readdirSync(path.join(out, 'static', 'media'))).toHaveLength(4);
  });

  it('when the export is imported into another site, then the image addresses stay the same and load', async () => {
    const again = await importWithImages(other, out);
    const bySlug = async (app: TestApp) =>
      Object.fromEntries((await app.db.post.findMany()).map((p) => [p.slug, [p.markdown, p.extraJson]]));
    expect(await bySlug(other)).toEqual(await bySlug(t));
    expect([...again.results.values()].reduce((n, r) => n + r.copied, 0)).toBe(4);
    for (const url of mediaUrlsIn(JSON.stringify(await bySlug(other)))) {
      await request(other.app)
        .get(url)
        .expect(200)
        .expect('Content-Type', /^image\//);
    }
  });

  it('when a stored file was deleted from the media library, then the export names the post and line', async () => {
    const post = (await listPostsForExport(t.db)).find((p) => p.slug === 'photo')!;
    const gone = {
      ...post,
      markdown: 'Text.\n\n![old](/media/0123456789abcdef0123456789abcdef/old.png)\n',
      extra: {},
    };
    const result = await exportMediaFiles(path.join(tmp, 'export-missing'), t.dir, [gone]);
    expect(result.copied).toBe(0);
    expect(result.missing).toEqual([
      {
        file: 'content/posts/photo.md',
        line: expect.any(Number),
        url: '/media/0123456789abcdef0123456789abcdef/old.png',
      },
    ]);
    expect(findImageRefs(gone.markdown)).toHaveLength(1);
  });
});

describe('the export command', () => {
  it('when the site has imported images, then it writes them under static/media/ and says so', async () => {
    const out = path.join(tmp, 'cli-export');
    fs.mkdirSync(out);
    // A clean environment: vitest sets variables (BASE_URL=/, MODE…) that are not the app's.
    const result = spawnSync('npx', ['tsx', 'src/cli/export.ts', out], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: t.dir, DATABASE_URL: t.url },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Copied 4 image files to ${path.join(out, 'static', 'media')}.`);
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'static', 'media'))).toHaveLength(4);
  });
});
