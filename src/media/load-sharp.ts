/**
 * sharp (libvips) is loaded on the first image, not at start-up: a server that only serves
 * pages never pays its ~20 MB of memory.
 */
type Sharp = (typeof import('sharp'))['default'];

let loading: Promise<Sharp> | null = null;

export const loadSharp = (): Promise<Sharp> =>
  (loading ??= import('sharp').then(({ default: sharp }) => {
    // One libvips thread per job: image work gets one core of two (src/media/image-work.ts) and
    // one of libuv's four pool threads, which bcrypt, compression and file reads share.
    sharp.concurrency(1);
    // Each pipeline reads its input once; a cache would keep up to 50 MB of pixels after the work.
    sharp.cache(false);
    return sharp;
  }));
