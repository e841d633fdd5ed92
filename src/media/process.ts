import { checkFrameCount, ImageRejected, planImage, unreadable, type ImagePlan } from './budget.js';
import { encode, orient } from './encode.js';
import { IMAGE_TYPES, sniffImageType, type ImageType } from './image-types.js';
import { imageWork } from './image-work.js';
import { loadSharp } from './load-sharp.js';
import { stripGifMetadata, stripWebpMetadata } from './strip-metadata.js';

export { ImageRejected, MAX_PIXELS } from './budget.js';

/** Widths made for every upload, when the image is wider; an image is never enlarged. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
/** The width the Markdown points at: big enough for a post, small enough to load fast. */
export const DISPLAY_WIDTH = 1600;

type SharpModule = Awaited<ReturnType<typeof loadSharp>>;

export interface ImageFile {
  file: string;
  width: number;
  height: number;
  mimeType: string;
  data: Buffer;
}

export interface ProcessedImage {
  type: ImageType;
  mimeType: string;
  /** Of the largest stored version. */
  width: number;
  height: number;
  /** The largest version first, then the smaller and WebP versions. */
  files: ImageFile[];
  /** The file the Markdown should show. */
  display: string;
}

/** The header: nothing is decoded, so no limit is needed yet; the plan sets them. */
async function readHeader(sharp: SharpModule, bytes: Buffer, type: ImageType) {
  try {
    const meta = await sharp(bytes, { animated: true, limitInputPixels: false }).metadata();
    if (meta.format !== type) throw unreadable();
    const frames = meta.pages ?? 1;
    // EXIF orientation turns a JPEG or PNG, as it always has here; GIF and WebP are kept as drawn.
    const turns = frames === 1 && (type === 'jpeg' || type === 'png');
    return {
      header: {
        type,
        width: turns ? meta.autoOrient.width : meta.width,
        height: turns ? meta.autoOrient.height : (meta.pageHeight ?? meta.height),
        frames,
        progressive: meta.isProgressive === true,
      },
      orientation: turns ? meta.orientation : undefined,
    };
  } catch {
    throw unreadable();
  }
}

/**
 * A still image: decoded once, shrunk as it is read (sequentially, JPEG and WebP shrinking on
 * load) to the largest stored size, turned the way EXIF said, then every version is made from that
 * copy. Re-encoding drops EXIF, GPS included.
 */
async function stillFiles(
  sharp: SharpModule,
  bytes: Buffer,
  stem: string,
  type: ImageType,
  plan: ImagePlan,
  orientation?: number,
) {
  const turned = (orientation ?? 1) >= 5;
  const [w, h] = turned ? [plan.stored.height, plan.stored.width] : [plan.stored.width, plan.stored.height];
  let input = sharp(bytes, {
    autoOrient: false,
    sequentialRead: true,
    limitInputPixels: plan.maxFramePixels,
  });
  if (w !== (turned ? plan.height : plan.width)) input = input.resize(w, h, { fit: 'fill' });
  const { data, info } = await input
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const master = () =>
    orient(
      sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }),
      orientation,
    );

  const sizes = [undefined, ...VARIANT_WIDTHS.filter((width) => width < plan.stored.width)];
  const formats: ImageType[] = type === 'webp' ? ['webp'] : [type, 'webp'];
  const files: ImageFile[] = [];
  for (const width of sizes) {
    for (const format of formats) {
      const pipeline = width ? master().resize({ width }) : master();
      const out = await encode(pipeline, format).toBuffer({ resolveWithObject: true });
      files.push({
        file: `${stem}${width ? `-${width}` : ''}.${IMAGE_TYPES[format].ext}`,
        width: out.info.width,
        height: out.info.height,
        mimeType: IMAGE_TYPES[format].mimeType,
        data: out.data,
      });
    }
  }
  return files;
}

/**
 * An animation: kept as uploaded, metadata stripped, plus a still of its first frame for lists.
 * The still is never in the animation's own format, so nothing mistakes it for the animation.
 */
async function animationFiles(
  sharp: SharpModule,
  bytes: Buffer,
  data: Buffer,
  stem: string,
  type: ImageType,
  plan: ImagePlan,
) {
  const { ext, mimeType } = IMAGE_TYPES[type];
  const files: ImageFile[] = [
    { file: `${stem}.${ext}`, width: plan.width, height: plan.height, mimeType, data },
  ];
  const width = VARIANT_WIDTHS[0];
  if (plan.width > width) {
    const format: ImageType = type === 'webp' ? 'png' : 'webp';
    const firstFrame = sharp(bytes, { sequentialRead: true, limitInputPixels: plan.maxFramePixels });
    const still = await encode(firstFrame.resize({ width }), format).toBuffer({ resolveWithObject: true });
    files.push({
      file: `${stem}-${width}.${IMAGE_TYPES[format].ext}`,
      width: still.info.width,
      height: still.info.height,
      mimeType: IMAGE_TYPES[format].mimeType,
      data: still.data,
    });
  }
  return files;
}

/**
 * Checks that `bytes` are a JPEG, PNG, GIF or WebP (by their content) within the image budget
 * (src/media/budget.ts: from the header, before decoding), then makes the files to store, one
 * image at a time in the process (src/media/image-work.ts). Throws ImageRejected otherwise, or
 * BusyError when too many images wait.
 */
export async function processImage(bytes: Buffer, stem: string): Promise<ProcessedImage> {
  const type = sniffImageType(bytes);
  if (!type) throw new ImageRejected('Only JPEG, PNG, WebP and GIF images can be uploaded.');
  const stripped =
    type === 'gif' ? await stripGifMetadata(bytes) : type === 'webp' ? stripWebpMetadata(bytes) : null;
  if (stripped) checkFrameCount(stripped.frames);
  const sharp = await loadSharp();
  const { header, orientation } = await readHeader(sharp, bytes, type);
  const plan = planImage(header);
  const files = await imageWork.run(async () => {
    try {
      return plan.animated && stripped
        ? await animationFiles(sharp, bytes, stripped.data, stem, type, plan)
        : await stillFiles(sharp, bytes, stem, type, plan, orientation);
    } catch (err) {
      if (err instanceof ImageRejected) throw err;
      throw new ImageRejected('That image could not be processed; it may be damaged.');
    }
  });
  const { ext, mimeType } = IMAGE_TYPES[type];
  const { width, height } = files[0]!;
  const display =
    !plan.animated && width > DISPLAY_WIDTH ? `${stem}-${DISPLAY_WIDTH}.${ext}` : `${stem}.${ext}`;
  return { type, mimeType, width, height, files, display };
}
