/**
 * The bench's baseline: the same Express as Byline, answering each measured URL with the bytes
 * (and headers) Byline sent for it, from memory. What is left is the cost of Express itself.
 * Usage: node dist/src/bench/baseline-server.js pages.json
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { RecordedPage } from './baseline.js';

const pages = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as RecordedPage[];
const app = express();
app.disable('x-powered-by');
const byUrl = new Map(pages.map((p) => [p.url, { ...p, body: Buffer.from(p.bodyBase64, 'base64') }]));
for (const pathname of new Set(pages.map((p) => new URL(p.url, 'http://x').pathname))) {
  app.get(pathname, (req, res, next) => {
    const page = byUrl.get(req.originalUrl);
    if (!page) return next();
    res.status(page.status).set(page.headers).send(page.body);
  });
}

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Baseline is serving ${pages.length} pages at http://127.0.0.1:${port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
