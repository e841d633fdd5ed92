/**
 * The render thread: derives a post's HTML, summary and search text off the server's event loop
 * (src/work/render-pool.ts). One job at a time; a job that runs out of this thread's heap or time
 * ends the thread, never the server.
 */
import { parentPort } from 'node:worker_threads';
import { deriveContent } from '../content/derive.js';
import type { RenderJob, RenderReply } from './render-jobs.js';

const port = parentPort;
if (port === null) throw new Error('render-worker.ts runs as a worker thread');

port.on('message', (job: RenderJob) => {
  let reply: RenderReply;
  try {
    reply = { id: job.id, ok: true, result: deriveContent(job.input) };
  } catch (err) {
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
