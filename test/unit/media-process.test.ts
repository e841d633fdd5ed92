import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ImageRejected, processImage } from '../../src/media/process.js';

/** A PNG whose header claims `width` × `height` (with a valid CRC) but holds almost no data. */
function pngClaiming(width: number, height: number): Buffer {
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
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(10))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
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

  it('when a GIF is animated, then every version keeps all its frames', async () => {
    const frames = await Promise.all(
      ['#f00', '#0f0', '#00f'].map((c) =>
        sharp({ create: { width: 1000, height: 500, channels: 3, background: c } })
          .png()
          .toBuffer(),
      ),
    );
    const gif = await sharp(frames, { join: { animated: true } })
      .gif({ delay: [100, 100, 100] })
      .toBuffer();
    const image = await processImage(gif, 'anim');
    expect([image.width, image.height, image.display]).toEqual([1000, 500, 'anim.gif']);
    for (const file of image.files) {
      const meta = await sharp(file.data, { animated: true }).metadata();
      expect(meta.pages).toBe(3);
      expect(meta.pageHeight).toBe(file.height);
    }
  });

  it('when a PNG claims more than 50 megapixels, then it is refused before being decoded', async () => {
    await expect(processImage(pngClaiming(10_000, 10_000), 'bomb')).rejects.toThrow(ImageRejected);
    await expect(processImage(pngClaiming(10_000, 10_000), 'bomb')).rejects.toThrow(/too many pixels/);
  });
});
