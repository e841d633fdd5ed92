import fs from 'node:fs';
import zlib from 'node:zlib';
import express from 'express';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import sharp from 'sharp';
import { addPost, createTestApp, type TestApp } from '../helpers/app.js';
import { csrfOf, makeUser, signIn, tokenFrom, type Agent } from '../helpers/admin.js';
import { decodeEntities } from '../helpers/html.js';
import { activeContentIn } from '../helpers/inert.js';
import { uploadSlots } from '../../src/media/image-work.js';
import { uploadReader } from '../../src/media/multipart.js';

let t: TestApp;
let author: Agent;
let otherAuthor: Agent;
let editor: Agent;
let contributor: Agent;
let authorId: number;

const red = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#f00' } });

const images = {
  png: () => red(2000, 1000).png().toBuffer(),
  jpeg: () => red(1200, 800).jpeg().toBuffer(),
  gif: () => red(300, 200).gif().toBuffer(),
  webp: () => red(700, 500).webp().toBuffer(),
};

beforeAll(async () => {
  t = await createTestApp();
  const a = await makeUser(t, 'author');
  authorId = a.id;
  const b = await makeUser(t, 'author');
  const e = await makeUser(t, 'editor');
  const c = await makeUser(t, 'contributor');
  author = await signIn(t.app, a.email);
  otherAuthor = await signIn(t.app, b.email);
  editor = await signIn(t.app, e.email);
  contributor = await signIn(t.app, c.email);
});
afterAll(() => t.cleanup());

/** Uploads like the page's form: the token first, then the file, under the name given. */
async function upload(agent: Agent, bytes: Buffer, filename: string, contentType = 'image/png') {
  const token = await tokenFrom(agent, '/admin/media');
  return agent.post('/admin/media').field('_csrf', token).attach('file', bytes, { filename, contentType });
}

async function mustUpload(agent: Agent, bytes: Buffer, filename: string) {
  const res = await upload(agent, bytes, filename);
  if (res.status !== 303) throw new Error(`upload failed: ${res.status}\n${res.text.slice(0, 300)}`);
  return res;
}

/** Uploads as the editor's drop handler does: token in the header, JSON back. */
async function uploadJson(agent: Agent, bytes: Buffer, filename: string) {
  const token = await tokenFrom(agent, '/admin/media');
  return agent
    .post('/admin/media')
    .set('Accept', 'application/json')
    .set('X-CSRF-Token', token)
    .attach('file', bytes, { filename, contentType: 'application/octet-stream' });
}

const latestMedia = () => t.db.media.findFirst({ orderBy: { id: 'desc' } });
const filesOf = (m: { variantsJson: string }) =>
  JSON.parse(m.variantsJson) as Array<{ file: string; width: number; mimeType: string }>;
const mediaCount = () => t.db.media.count();
const uploadFolders = () => {
  const dir = path.join(t.dir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

describe('uploading images', () => {
  it('when an author uploads a PNG named x.jpg, then it is stored and served as a PNG', async () => {
    const res = await upload(author, await images.png(), 'x.jpg', 'image/jpeg');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/admin/media');
    const media = await latestMedia();
    expect(media).toMatchObject({
      originalName: 'x.jpg',
      mimeType: 'image/png',
      width: 2000,
      height: 1000,
      uploadedById: authorId,
    });
    const original = await request(t.app).get(`/media/${media!.key}/x.png`).expect(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect((await sharp(original.body as Buffer).metadata()).format).toBe('png');
  });

  it('when a wide image is uploaded, then 480, 960 and 1600 px versions and WebP copies are made', async () => {
    await mustUpload(author, await images.png(), 'wide.png');
    const media = await latestMedia();
    const variants = filesOf(media!).map((v) => `${v.file} ${v.width} ${v.mimeType}`);
    expect(variants.sort()).toEqual(
      [
        'wide.png 2000 image/png',
        'wide.webp 2000 image/webp',
        'wide-480.png 480 image/png',
        'wide-480.webp 480 image/webp',
        'wide-960.png 960 image/png',
        'wide-960.webp 960 image/webp',
        'wide-1600.png 1600 image/png',
        'wide-1600.webp 1600 image/webp',
      ].sort(),
    );
    for (const v of filesOf(media!)) {
      const res = await request(t.app).get(`/media/${media!.key}/${v.file}`).expect(200);
      expect(res.headers['content-type']).toBe(v.mimeType);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await sharp(res.body as Buffer).metadata()).width).toBe(v.width);
    }
  });

  it('when an image is narrower than a version width, then it is never enlarged', async () => {
    await mustUpload(author, await red(600, 300).png().toBuffer(), 'small.png');
    const widths = filesOf((await latestMedia())!).map((v) => v.width);
    expect(Math.max(...widths)).toBe(600);
    expect(new Set(widths)).toEqual(new Set([600, 480]));
  });

  it.each(['jpeg', 'gif', 'webp'] as const)(
    'when a %s is uploaded under a wrong name, then its own type is kept',
    async (type) => {
      await mustUpload(author, await images[type](), 'picture.png');
      const media = await latestMedia();
      expect(media!.mimeType).toBe(`image/${type}`);
      const ext = type === 'jpeg' ? 'jpg' : type;
      const res = await request(t.app).get(`/media/${media!.key}/picture.${ext}`).expect(200);
      expect(res.headers['content-type']).toBe(`image/${type}`);
    },
  );

  it('when a JPEG carries EXIF (GPS and all), then the stored files carry none', async () => {
    const withExif = await red(800, 600)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret place' }, IFD3: { GPSLatitudeRef: 'N' } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    await mustUpload(author, withExif, 'holiday.jpg');
    const media = await latestMedia();
    const res = await request(t.app).get(`/media/${media!.key}/holiday.jpg`).expect(200);
    expect((await sharp(res.body as Buffer).metadata()).exif).toBeUndefined();
    expect((res.body as Buffer).includes('secret place')).toBe(false);
  });

  it.each([
    ['a text file named x.png', Buffer.from('just some text, not an image\n'), 'x.png'],
    [
      'an SVG named x.png',
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
      ),
      'x.png',
    ],
    [
      'an SVG named x.svg',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
      'x.svg',
    ],
    [
      'a PNG signature on a damaged body',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]),
      'broken.png',
    ],
  ])('when %s is uploaded, then it is refused with 400 and nothing is stored', async (_what, bytes, name) => {
    const [before, foldersBefore] = [await mediaCount(), uploadFolders().length];
    const res = await upload(author, bytes, name, 'image/png');
    expect(res.status).toBe(400);
    expect(decodeEntities(res.text)).toMatch(
      /Only JPEG, PNG, WebP and GIF images can be uploaded\.|could not be read as an image/,
    );
    expect(res.text).toContain('id="file-error"');
    expect(await mediaCount()).toBe(before);
    expect(uploadFolders().length).toBe(foldersBefore);
  });

  it('when the form is sent without a file, then the page asks for one with 400', async () => {
    const token = await tokenFrom(author, '/admin/media');
    const res = await author.post('/admin/media').field('_csrf', token).field('alt', 'nothing');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose an image to upload.');
    expect(res.text).toContain('value="nothing"');
  });

  it('when a file is over 10 MB, then the answer is 413 with a message and the server carries on', async () => {
    const before = await mediaCount();
    const big = Buffer.concat([await images.png(), Buffer.alloc(11 * 1024 * 1024, 1)]);
    const res = await upload(author, big, 'huge.png');
    expect(res.status).toBe(413);
    expect(res.text).toContain('That file is too big: 10 MB at most.');
    expect(res.text).toContain('<h1>Media</h1>');
    expect(await mediaCount()).toBe(before);
    await mustUpload(author, await images.gif(), 'after.gif');
    await request(t.app).get('/healthz').expect(200);
  });

  it('when a script uploads with Accept: application/json, then it gets the URL, Markdown and size as JSON', async () => {
    const res = await uploadJson(author, await images.png(), 'Dropped Photo.png');
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const media = await latestMedia();
    expect(res.body).toEqual({
      url: `/media/${media!.key}/dropped-photo-1600.png`,
      markdown: `![Dropped Photo](/media/${media!.key}/dropped-photo-1600.png)`,
      width: 2000,
      height: 1000,
    });
    await request(t.app).get(res.body.url).expect(200).expect('Content-Type', 'image/png');
  });

  it('when a script uploads something that is not an image, then the refusal is JSON too', async () => {
    const res = await uploadJson(author, Buffer.from('GIF? no.'), 'x.gif');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Only JPEG, PNG, WebP and GIF images can be uploaded.' });
  });
  it('when a script uploads with a wrong token or without the right role, then the refusal is JSON 403', async () => {
    const bad = await author
      .post('/admin/media')
      .set('Accept', 'application/json')
      .set('X-CSRF-Token', 'wrong')
      .attach('file', await images.gif(), 'x.gif');
    expect(bad.status).toBe(403);
    expect(bad.body).toEqual({ error: 'This form has expired or did not come from this site.' });
    const denied = await contributor
      .post('/admin/media')
      .set('Accept', 'application/json')
      .attach('file', await images.gif(), 'x.gif');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ error: 'You do not have permission to do that.' });
  });
});

/** A PNG whose header claims `width` × `height` but holds almost no data: a few hundred bytes. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const real = await red(1, 1).png().toBuffer();
  const claiming = Buffer.from(real);
  claiming.writeUInt32BE(width, 16);
  claiming.writeUInt32BE(height, 20);
  claiming.writeInt32BE(zlib.crc32(claiming.subarray(12, 29)), 29);
  return claiming;
}

describe('images beyond the budget, names beyond ASCII', () => {
  it('when a file name is not ASCII, then the upload is listed under that name and its file gets an ASCII stem', async () => {
    const res = await upload(author, await images.png(), 'café-日本.png');

    expect(res.status).toBe(303);
    const media = await latestMedia();
    expect([media!.originalName, media!.alt]).toEqual(['café-日本.png', 'café 日本']);
    expect(filesOf(media!).map((v) => v.file)).toContain('cafe.png');
    expect((await author.get('/admin/media')).text).toContain('Uploaded café-日本.png.');
  });

  it('when an image claims more pixels than the budget, then the page answers 413 naming the limit and nothing is stored', async () => {
    const [before, foldersBefore] = [await mediaCount(), uploadFolders().length];

    const res = await upload(author, await pngClaiming(10_000, 10_000), 'bomb.png');

    expect(res.status).toBe(413);
    expect(decodeEntities(res.text)).toContain(
      'That image has too many pixels: 50 megapixels at most (it has 100).',
    );
    expect(res.text).toContain('id="file-error"');
    expect(await mediaCount()).toBe(before);
    expect(uploadFolders().length).toBe(foldersBefore);
  });

  it('when a script uploads an image over the budget, then the 413 is JSON', async () => {
    const res = await uploadJson(author, await pngClaiming(10_000, 10_000), 'bomb.png');

    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: 'That image has too many pixels: 50 megapixels at most (it has 100).',
    });
  });

  it('when an animated GIF is uploaded, then it is served with all its frames', async () => {
    const frames = await Promise.all(
      ['#f00', '#0f0', '#00f'].map((background) =>
        sharp({ create: { width: 600, height: 300, channels: 3, background } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif()
      .toBuffer();

    await mustUpload(author, gif, 'moving.gif');

    const media = await latestMedia();
    const served = await request(t.app).get(`/media/${media!.key}/moving.gif`).expect(200);
    expect((await sharp(served.body as Buffer, { animated: true }).metadata()).pages).toBe(3);
  });
});

/** Runs `act` while uploadSlots holds a job for each key given, then lets them finish. */
async function whileUploading<T>(keys: Array<string | number>, act: () => Promise<T>): Promise<T> {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const jobs = keys.map((key) => uploadSlots.run(() => gate, key));
  try {
    return await act();
  } finally {
    finish();
    await Promise.all(jobs);
  }
}

describe('uploads when the server is busy', () => {
  it('when an author already has two uploads in progress, then a third is refused with 429 and Retry-After', async () => {
    const [before, gif] = [await mediaCount(), await images.gif()];

    const res = await whileUploading([authorId, authorId], () => upload(author, gif, 'third.gif'));

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.text).toContain('You already have image uploads in progress. Please try again in 10 seconds.');
    expect(await mediaCount()).toBe(before);
  });

  it('when every upload place is taken, then a script is answered 503 with Retry-After in JSON', async () => {
    const res = await whileUploading(['a', 'a', 'b', 'b', 'c', 'c'], async () =>
      uploadJson(author, await images.gif(), 'crowded.gif'),
    );

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.body).toEqual({
      error: 'The server is busy with other image uploads. Please try again in 10 seconds.',
    });
  });

  it('when the uploads in progress finish, then the next upload is taken', async () => {
    await whileUploading([authorId, authorId], async () => undefined);

    const res = await upload(author, await images.gif(), 'later.gif');

    expect(res.status).toBe(303);
  });
});

describe('CSRF on uploads', () => {
  it('when an upload carries no token, then it is refused with 403 and nothing is stored', async () => {
    const before = await mediaCount();
    const res = await author.post('/admin/media').attach('file', await images.png(), 'x.png');
    expect(res.status).toBe(403);
    expect(await mediaCount()).toBe(before);
  });

  it('when an upload carries a wrong token, then it is refused with 403', async () => {
    const res = await author
      .post('/admin/media')
      .field('_csrf', 'not-the-token')
      .attach('file', await images.png(), 'x.png');
    expect(res.status).toBe(403);
  });

  it('when another admin route is sent a multipart body without a token, then it is still refused', async () => {
    const agent = await signIn(t.app, (await makeUser(t, 'author')).email);
    await agent.post('/admin/logout').field('x', 'y').expect(403);
    await agent.get('/admin/media').expect(200);
  });
});

describe('who may upload and delete', () => {
  it('when nobody is signed in, then the media page sends them to sign in', async () => {
    const res = await request(t.app).get('/admin/media').expect(302);
    expect(res.headers.location).toBe('/admin/login?next=%2Fadmin%2Fmedia');
  });

  it('when a contributor opens the media page or uploads, then the answer is 403', async () => {
    await contributor.get('/admin/media').expect(403);
    const token = csrfOf((await contributor.get('/admin/account')).text);
    const res = await contributor
      .post('/admin/media')
      .field('_csrf', token)
      .attach('file', await images.png(), 'x.png');
    expect(res.status).toBe(403);
  });

  it("when an author tries to delete another author's upload, then the answer is 403 and the files stay", async () => {
    await mustUpload(otherAuthor, await images.gif(), 'theirs.gif');
    const media = await latestMedia();
    const token = await tokenFrom(author, '/admin/media');
    await author
      .post(`/admin/media/${media!.id}/delete`)
      .type('form')
      .send({ _csrf: token, confirm: 'yes' })
      .expect(403);
    expect(await t.db.media.findUnique({ where: { id: media!.id } })).not.toBeNull();
    await request(t.app).get(`/media/${media!.key}/theirs.gif`).expect(200);
  });

  it("when the media page lists another author's upload, then the author sees no Delete button for it", async () => {
    await mustUpload(otherAuthor, await images.gif(), 'not-mine.gif');
    const media = await latestMedia();
    const page = await author.get('/admin/media').expect(200);
    expect(page.text).not.toContain(`action="/admin/media/${media!.id}/delete"`);
    const editorPage = await editor.get('/admin/media').expect(200);
    expect(editorPage.text).toContain(`action="/admin/media/${media!.id}/delete"`);
  });

  it('when an author deletes their own unused upload, then the row and the files are gone', async () => {
    await mustUpload(author, await images.gif(), 'mine.gif');
    const media = await latestMedia();
    const token = await tokenFrom(author, '/admin/media');
    const res = await author
      .post(`/admin/media/${media!.id}/delete`)
      .type('form')
      .send({ _csrf: token })
      .expect(303);
    expect(res.headers.location).toBe('/admin/media');
    expect(await t.db.media.findUnique({ where: { id: media!.id } })).toBeNull();
    expect(fs.existsSync(path.join(t.dir, 'uploads', media!.key))).toBe(false);
    await request(t.app).get(`/media/${media!.key}/mine.gif`).expect(404);
    expect((await author.get('/admin/media')).text).toContain('Deleted mine.gif.');
  });

  it('when an editor deletes any upload, then it is allowed', async () => {
    await mustUpload(author, await images.gif(), 'by-author.gif');
    const media = await latestMedia();
    const token = await tokenFrom(editor, '/admin/media');
    await editor.post(`/admin/media/${media!.id}/delete`).type('form').send({ _csrf: token }).expect(303);
    expect(await t.db.media.findUnique({ where: { id: media!.id } })).toBeNull();
  });

  it.each(['abc', '0', '99999999', '1.5'])(
    'when the upload id is %s, then deleting answers 404',
    async (id) => {
      const token = await tokenFrom(editor, '/admin/media');
      await editor.post(`/admin/media/${id}/delete`).type('form').send({ _csrf: token }).expect(404);
    },
  );
});

describe('deleting an image a post uses', () => {
  it('when the image is in a post, then a warning lists the post and only the confirm button deletes it', async () => {
    const res = await uploadJson(author, await images.png(), 'used.png');
    const media = await latestMedia();
    await addPost(t, {
      title: 'Post with <b>picture</b>',
      markdown: `Look:\n\n${res.body.markdown as string}\n`,
    });
    const token = await tokenFrom(author, '/admin/media');

    const warning = await author
      .post(`/admin/media/${media!.id}/delete`)
      .type('form')
      .send({ _csrf: token })
      .expect(200);
    expect(decodeEntities(warning.text)).toContain('This image is used by 1 post.');
    expect(warning.text).toContain('Post with &lt;b&gt;picture&lt;/b&gt;');
    expect(warning.text).toMatch(/<input type="hidden" name="confirm" value="yes">/);
    expect(await t.db.media.findUnique({ where: { id: media!.id } })).not.toBeNull();

    await author
      .post(`/admin/media/${media!.id}/delete`)
      .type('form')
      .send({ _csrf: csrfOf(warning.text), confirm: 'yes' })
      .expect(303);
    expect(await t.db.media.findUnique({ where: { id: media!.id } })).toBeNull();
  });

  it('when the image is a cover image, then the warning is shown too', async () => {
    await mustUpload(author, await images.gif(), 'cover.gif');
    const media = await latestMedia();
    const post = await addPost(t, { title: 'Covered' });
    await t.db.post.update({
      where: { id: post.id },
      data: { coverImage: `/media/${media!.key}/cover.gif` },
    });
    const token = await tokenFrom(author, '/admin/media');
    const warning = await author
      .post(`/admin/media/${media!.id}/delete`)
      .type('form')
      .send({ _csrf: token })
      .expect(200);
    expect(warning.text).toContain('Covered');
  });
});

describe('the media page', () => {
  it('when uploads exist, then each shows a thumbnail, its details and its Markdown to copy', async () => {
    await mustUpload(author, await images.png(), 'Listed [photo].png');
    const media = await latestMedia();
    const res = await author.get('/admin/media').expect(200);
    const markdown = `![Listed \\[photo\\]](/media/${media!.key}/listed-photo-1600.png)`;
    expect(decodeEntities(res.text)).toContain(`readonly value="${markdown}"`);
    expect(res.text).toContain('>Copy Markdown</button>');
    expect(res.text).toContain(`src="/media/${media!.key}/listed-photo-480.png"`);
    expect(decodeEntities(res.text)).toContain('2000 × 1000');
    expect(res.text).toMatch(/enctype="multipart\/form-data"/);
    expect(res.text).toMatch(/<label for="file">Image<\/label>/);
    const foreign = activeContentIn(res.text).filter((f) => !/^<form action=\/admin\//.test(f));
    expect(foreign).toEqual([]);
  });

  it('when the page number is nonsense, then the answer is 404', async () => {
    await author.get('/admin/media?page=abc').expect(404);
    await author.get('/admin/media?page=999').expect(404);
  });
});

describe('serving /media/', () => {
  let key: string;
  beforeAll(async () => {
    await mustUpload(author, await images.gif(), 'served.gif');
    key = (await latestMedia())!.key;
    fs.writeFileSync(path.join(t.dir, 'uploads', 'secret.png'), 'not for you');
  });

  it('when a stored file is asked for with HEAD, then the headers come without a body', async () => {
    const res = await request(t.app).head(`/media/${key}/served.gif`).expect(200);
    expect(res.headers['content-type']).toBe('image/gif');
  });

  it.each([
    '/media/../blog.db',
    '/media/%2e%2e/blog.db',
    '/media/..%2fblog.db',
    '/media/KEY/..%2F..%2Fblog.db',
    '/media/KEY/%2e%2e%2fsecret.png',
    '/media/KEY/../secret.png',
    '/media/KEY/served.svg',
    '/media/KEY/unknown.gif',
    '/media/KEY/served.gif/extra',
    '/media/KEY',
    '/media/KEY/',
    '/media/0123456789abcdef0123456789abcdef/served.gif',
    '/media/not-a-key/served.gif',
    '/media/KEY/served.GIF',
    '/media/KEY/%ZZ.gif',
    '/media/secret.png',
    '/media/.tmp-KEY/served.gif',
  ])('when %s is asked for, then the answer is 404', async (raw) => {
    const res = await request(t.app).get(raw.replace('KEY', key));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('not for you');
    expect(t.errors).toEqual([]);
  });
});

/** A bare app that answers with what uploadReader made of the body. */
function echoApp(maxBytes: number) {
  const app = express();
  const read = uploadReader(maxBytes);
  app.post('/', async (req, res) => {
    const upload = await read(req, res);
    if (upload.error) return res.status(upload.error.status).send(upload.error.message);
    res.json({ size: upload.file?.buffer.length ?? null, fields: upload.fields });
  });
  return app;
}

describe('reading upload bodies (any size limit)', () => {
  const app = echoApp(2048);

  it('when the file is within the limit, then it and the fields are read', async () => {
    const res = await request(app)
      .post('/')
      .field('alt', 'a cat')
      .attach('file', Buffer.alloc(2048), 'x.png')
      .expect(200);
    expect(res.body).toEqual({ size: 2048, fields: { alt: 'a cat' } });
  });

  it('when the limit is set lower, then a file one byte over it gets 413 naming that limit', async () => {
    await request(app)
      .post('/')
      .attach('file', Buffer.alloc(2049), 'x.png')
      .expect(413, 'That file is too big: 2 KB at most.');
    await request(app).post('/').attach('file', Buffer.alloc(10), 'x.png').expect(200);
  });

  it('when two files or another field name are sent, then the answer is 400', async () => {
    await request(app)
      .post('/')
      .attach('file', Buffer.alloc(10), 'a.png')
      .attach('file', Buffer.alloc(10), 'b.png')
      .expect(400);
    await request(app).post('/').attach('image', Buffer.alloc(10), 'a.png').expect(400);
  });

  it('when the body is a broken multipart, then the answer is 400, not 500', async () => {
    await request(app)
      .post('/')
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc')
      .expect(400);
  });
});
