/**
 * How much image work the process takes on at once (docs/decisions/023-image-budget.md). Both
 * are per process: they share out this process's cores, threads and memory.
 */
import { createAdmission } from '../work/admission.js';

/**
 * Uploads being received or processed, each body held in memory (up to UPLOAD_MAX_MB) until it
 * is stored: two at a time, four waiting with their bodies unread, two per person.
 */
export const uploadSlots = createAdmission({
  what: 'image uploads',
  concurrency: 2,
  maxQueue: 4,
  retryAfterSeconds: 10,
  maxPerKey: 2,
});

/**
 * Decoding and encoding, one image at a time: libvips runs on libuv's thread pool, shared with
 * bcrypt (sign-in) and compression, and two images at once would take both cores. The queue is
 * longer than uploadSlots lets through, so an upload that was let in is never refused here.
 */
export const imageWork = createAdmission({
  what: 'images being processed',
  concurrency: 1,
  maxQueue: 4,
  retryAfterSeconds: 10,
});
