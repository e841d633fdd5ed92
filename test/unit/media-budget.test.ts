import { describe, expect, it } from 'vitest';
import { ImageRejected, planImage, type ImageHeader } from '../../src/media/budget.js';

const header = (h: Partial<ImageHeader>): ImageHeader => ({
  type: 'jpeg',
  width: 1000,
  height: 1000,
  frames: 1,
  progressive: false,
  ...h,
});

function refusal(h: Partial<ImageHeader>): ImageRejected {
  try {
    planImage(header(h));
  } catch (err) {
    if (err instanceof ImageRejected) return err;
    throw err;
  }
  throw new Error('planImage accepted it');
}

describe('the image budget', () => {
  it('when a baseline PNG has 49 megapixels, then it is taken and stored at most 2560 wide', () => {
    const plan = planImage(header({ type: 'png', width: 7000, height: 7000 }));

    expect(plan.stored).toEqual({ width: 2560, height: 2560 });
    expect(plan.maxFramePixels).toBe(50_000_000);
  });

  it('when a photo is smaller than the stored size, then it is kept at its own size', () => {
    const plan = planImage(header({ width: 2000, height: 1000 }));

    expect(plan.stored).toEqual({ width: 2000, height: 1000 });
  });

  it('when a tall infographic is uploaded, then it keeps almost all of its width', () => {
    const plan = planImage(header({ type: 'png', width: 1000, height: 7000 }));

    expect(plan.stored).toEqual({ width: 968, height: 6773 });
  });

  it('when an image has more than 50 megapixels, then it is refused with 413 naming the limit', () => {
    const err = refusal({ type: 'png', width: 10_000, height: 10_000 });

    expect(err.status).toBe(413);
    expect(err.message).toBe('That image has too many pixels: 50 megapixels at most (it has 100).');
  });

  it('when an image is one pixel over the limit, then the message does not say it is at the limit', () => {
    const err = refusal({ type: 'png', width: 50_000_001, height: 1 });

    expect(err.message).toContain('(it has 50.1)');
  });

  it('when a progressive JPEG has more than 16 megapixels, then it is refused and a baseline one suggested', () => {
    const err = refusal({ width: 6000, height: 4000, progressive: true });

    expect(err.status).toBe(413);
    expect(err.message).toBe(
      'That image has too many pixels for a progressive JPEG: 16 megapixels at most (it has 24). A baseline JPEG may have 50.',
    );
  });

  it('when a GIF frame has more than 16 megapixels, then it is refused', () => {
    const err = refusal({ type: 'gif', width: 5000, height: 5000 });

    expect(err.message).toBe('That image has too many pixels for a GIF: 16 megapixels at most (it has 25).');
  });

  it('when an animation has more than 100 megapixels in all frames, then it is refused naming frames and size', () => {
    const err = refusal({ type: 'gif', width: 1000, height: 1000, frames: 250 });

    expect(err.status).toBe(413);
    expect(err.message).toBe(
      'Animations may have at most 100 megapixels in all frames; this one has 250 (250 frames of 1000 × 1000).',
    );
  });

  it('when an animation has more than 1000 frames, then it is refused naming the limit', () => {
    const err = refusal({ type: 'gif', width: 10, height: 10, frames: 1001 });

    expect([err.status, err.message]).toEqual([
      413,
      'Animations may have at most 1000 frames; this one has more.',
    ]);
  });

  it('when an animation is within budget, then it is kept at its own size', () => {
    const plan = planImage(header({ type: 'gif', width: 1000, height: 1000, frames: 25 }));

    expect(plan).toMatchObject({ animated: true, stored: { width: 1000, height: 1000 } });
    expect(plan.maxFramePixels).toBe(16_000_000);
  });

  it('when the header has no size, then it is refused as unreadable with 400', () => {
    const err = refusal({ width: 0 });

    expect(err.status).toBe(400);
    expect(err.message).toBe('That file could not be read as an image.');
  });
});
