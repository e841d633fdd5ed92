/**
 * How the production server's Node runs (docs/decisions/018-server-memory.md). `npm start`, the
 * Docker image and the measuring tools all start it this way; a test checks they agree.
 *
 * - `--liftoff-only`: Prisma's query compiler is WebAssembly; V8's optimising compiler would
 *   recompile it in the background into a second copy of ~60 MB, for a few per cent on uncached
 *   pages (cached pages never reach it).
 * - `--max-semi-space-size=4`: a smaller young generation (4 MB halves instead of 16): short-lived
 *   request garbage is collected sooner, at a cost too small to see in the bench.
 * - `--max-old-space-size=160`: the long-lived heap (settings, compiled views, query plans) is
 *   ~40 MB; a cap makes V8 collect instead of growing under load. Rendered pages in the page cache
 *   are Buffers outside it. A site with hundreds of thousands of posts may need it raised.
 * - `MALLOC_ARENA_MAX=2`: compression runs on the thread pool, and glibc would give each thread
 *   its own allocation arena that never shrinks.
 * - `MALLOC_MMAP_THRESHOLD_=131072`: image work (libvips) frees large buffers that glibc would
 *   otherwise keep in its heap; from 128 KB up they are mapped and handed back to the system on
 *   free (docs/decisions/023-image-budget.md: RSS after a dozen large images 135–180 MB instead of
 *   250–280 MB).
 */
export const SERVER_NODE_ARGS = ['--liftoff-only', '--max-semi-space-size=4', '--max-old-space-size=160'] as const;
export const SERVER_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } as const;
