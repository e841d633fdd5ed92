import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ImageRejected, processImage } from '../../src/media/process.js';

/** A PNG whose header claims `width` × `height` (with a valid CRC) but holds almost no data. */
function pngClaiming(width: number, height: number, { interlaced = false } = {}): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(10))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A GIF whose screen is `width` × `height`, with `frames` frames of one pixel each: tiny in bytes. */
function gifClaiming(width: number, height: number, frames: number): Buffer {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const screen = [
    ...Buffer.from('GIF89a'),
    ...u16(width),
    ...u16(height),
    0x80,
    0,
    0,
    0,
    0,
    0,
    255,
    255,
    255,
  ];
  const looping = [0x21, 0xff, 11, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0];
  const frame = [0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0];
  return Buffer.from([...screen, ...looping, ...Array.from({ length: frames }, () => frame).flat(), 0x3b]);
}

async function animatedGif(colours: string[], width: number, height: number): Promise<Buffer> {
  const frames = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: colours.map(() => 100) })
    .toBuffer();
}

describe('processImage', () => {
  it('when a JPEG says in EXIF that it is turned, then the stored pixels are turned and the EXIF is gone', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#f00' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const image = await processImage(jpeg, 'turned');
    expect([image.width, image.height]).toEqual([200, 400]);
    const stored = await sharp(image.files[0]!.data).metadata();
    expect([stored.width, stored.height, stored.orientation, stored.exif]).toEqual([
      200,
      400,
      undefined,
      undefined,
    ]);
  });

  it('when a GIF is animated, then it is kept with all its frames and a still of the first frame is made', async () => {
    const gif = await animatedGif(['#f00', '#0f0', '#00f'], 1000, 500);

    const image = await processImage(gif, 'anim');

    expect([image.width, image.height, image.display]).toEqual([1000, 500, 'anim.gif']);
    const [original, still] = image.files;
    const kept = await sharp(original!.data, { animated: true }).metadata();
    expect([kept.format, kept.pages, kept.pageHeight]).toEqual(['gif', 3, 500]);
    const first = await sharp(still!.data, { animated: true }).metadata();
    expect([still!.file, first.format, first.pages ?? 1, first.width]).toEqual([
      'anim-480.webp',
      'webp',
      1,
      480,
    ]);
    expect(image.files).toHaveLength(2);
  });

  it('when an animated GIF carries a comment and XMP, then they are gone and the frames stay', async () => {
    const gif = await animatedGif(['#f00', '#00f'], 600, 400);
    const afterColours = 13 + 3 * 2 ** ((gif[10]! & 7) + 1);
    const comment = Buffer.from([0x21, 0xfe, 11, ...Buffer.from('Taken at 52'), 0]);
    const xmp = Buffer.from([
      0x21,
      0xff,
      11,
      ...Buffer.from('XMP DataXMP'),
      9,
      ...Buffer.from('GPS 1.2.3'),
      0,
    ]);
    const tagged = Buffer.concat([gif.subarray(0, afterColours), comment, xmp, gif.subarray(afterColours)]);

    const image = await processImage(tagged, 'tagged');

    const original = image.files[0]!.data;
    expect(original.includes('Taken at 52')).toBe(false);
    expect(original.includes('GPS 1.2.3')).toBe(false);
    expect((await sharp(original, { animated: true }).metadata()).pages).toBe(2);
  });

  it('when an animated WebP carries EXIF, then it is kept without it and its still is a PNG', async () => {
    const webp = await sharp(await animatedGif(['#f00', '#00f'], 600, 400), { animated: true })
      .webp()
      .withExif({ IFD0: { Copyright: 'secret place' } })
      .toBuffer();
    expect((await sharp(webp).metadata()).exif).toBeDefined();

    const image = await processImage(webp, 'moving');

    const kept = await sharp(image.files[0]!.data, { animated: true }).metadata();
    expect([kept.format, kept.pages, kept.exif]).toEqual(['webp', 2, undefined]);
    expect(image.files[0]!.data.includes('secret place')).toBe(false);
    expect(image.files.map((f) => f.file)).toEqual(['moving.webp', 'moving-480.png']);
  });

  it('when a 25-frame GIF of 1000 × 1000 claims its frames in a few bytes, then it is taken without decoding them', async () => {
    const image = await processImage(gifClaiming(1000, 1000, 25), 'many');

    expect(image.files.map((f) => f.file)).toEqual(['many.gif', 'many-480.webp']);
    expect((await sharp(image.files[0]!.data, { animated: true }).metadata()).pages).toBe(25);
  });

  it('when an animation claims more than 100 megapixels in all frames, then it is refused with 413', async () => {
    const bomb = gifClaiming(2000, 2000, 26);

    const refused = processImage(bomb, 'bomb');

    await expect(refused).rejects.toThrow(ImageRejected);
    await expect(refused).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('at most 100 megapixels in all frames'),
    });
  });

  it('when an animation has thousands of frames, then it is refused with 413 before libvips reads it', async () => {
    const refused = processImage(gifClaiming(10, 10, 5000), 'long');

    await expect(refused).rejects.toMatchObject({
      status: 413,
      message: 'Animations may have at most 1000 frames; this one has more.',
    });
  });

  it('when a GIF is cut off in the middle of a frame, then it is refused as unreadable', async () => {
    const whole = gifClaiming(100, 100, 3);

    const refused = processImage(whole.subarray(0, whole.length - 5), 'cut');

    await expect(refused).rejects.toMatchObject({
      status: 400,
      message: 'That file could not be read as an image.',
    });
  });

  it('when an image is wider than 2560, then its largest stored version is 2560 wide', async () => {
    const png = await sharp({ create: { width: 6000, height: 1000, channels: 3, background: '#39c' } })
      .png()
      .toBuffer();

    const image = await processImage(png, 'wide');

    expect([image.width, image.height, image.files[0]!.file]).toEqual([2560, 427, 'wide.png']);
    expect(image.files.map((f) => f.width)).toEqual([2560, 2560, 480, 480, 960, 960, 1600, 1600]);
    expect(image.display).toBe('wide-1600.png');
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'when a PNG says it has EXIF orientation %i, then its pixels are turned as sharp itself turns them',
    async (orientation) => {
      const pixels = Buffer.from(Array.from({ length: 3 * 2 * 3 }, (_, i) => (i * 37) % 251));
      const png = await sharp(pixels, { raw: { width: 3, height: 2, channels: 3 } })
        .png()
        .withMetadata({ orientation })
        .toBuffer();
      const expected = await sharp(png, { autoOrient: true }).raw().toBuffer();

      const image = await processImage(png, 'turned');

      expect(await sharp(image.files[0]!.data).raw().toBuffer()).toEqual(expected);
    },
  );

  it('when an interlaced PNG has more than 16 megapixels, then it is refused before being decoded', async () => {
    const refused = processImage(pngClaiming(5000, 5000, { interlaced: true }), 'interlaced');

    await expect(refused).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining('for an interlaced PNG: 16 megapixels at most'),
    });
  });

  it('when a PNG claims more than 50 megapixels, then it is refused before being decoded', async () => {
    await expect(processImage(pngClaiming(10_000, 10_000), 'bomb')).rejects.toThrow(ImageRejected);
    await expect(processImage(pngClaiming(10_000, 10_000), 'bomb')).rejects.toThrow(/too many pixels/);
    await expect(processImage(pngClaiming(10_000, 10_000), 'bomb')).rejects.toMatchObject({ status: 413 });
  });
});
