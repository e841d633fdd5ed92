/** The hostile inputs, made on the spot: every one is small to send and costly to handle naively. */
import sharp from 'sharp';

/** `[{},{},…]`: 2 MB of JSON that parses into 700,000 objects. */
export const jsonBomb = () => `[${'{},'.repeat(700_000)}{}]`;

/** 100,000 one-word list items (400 KB): hundreds of bytes of tokens for each byte. */
export const manyListItems = () => '- a\n'.repeat(100_000);

/** A heading with an unclosed attribute block whose pairs have no spaces: each pair doubled a backtracking pattern's time. */
export const unclosedAttributes = () => `## x {${'a=a'.repeat(23)}\n`;

/** 16,000 identical headings: each needs an id of its own. */
export const sameHeadings = () => '## a\n'.repeat(16_000);

/** Unclosed figure shortcodes. */
export const unclosedFigures = () => '{{< figure src="a.png" '.repeat(8_000);

/** A text with the search snippet's own markers in it. */
export const controlMarkers = (word: string) => `Before \u0002evil\u0003 and \u0002${word}\u0003 after.\n`;

/** A 1000×1000 GIF of 25 frames: small to send, long to resize frame by frame. */
export async function animatedGif(): Promise<Buffer> {
  const [width, height, frames] = [1000, 1000, 25];
  const raw = Buffer.alloc(width * height * frames * 3);
  for (let f = 0; f < frames; f++)
    raw.fill(f * 10, f * width * height * 3, f * width * height * 3 + (width * height * 3) / 2);
  return sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } })
    .gif()
    .toBuffer();
}

/** A 7000×7000 PNG (49 megapixels) of 150 KB. */
export function hugePng(): Promise<Buffer> {
  return sharp({ create: { width: 7000, height: 7000, channels: 3, background: '#ffffff' } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** A small PNG. */
export function smallPng(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
}
