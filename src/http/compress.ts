/**
 * Compression of every answer. A page rendered whole (`res.send` of a string or a buffer, as
 * res.render and res.json do) is compressed in one call on the spot when it is small: a zlib
 * stream per response (the thread pool, a Transform, its callbacks) costs more than compressing
 * 10 KB itself. Anything larger, or streamed (static files), goes through `compression` as before.
 * Pages the page cache keeps are compressed by it, never here (it takes Accept-Encoding away).
 */
import zlib from 'node:zlib';
import compression from 'compression';
import type { RequestHandler, Response } from 'express';
import { negotiateEncoding } from '../cache/http.js';

/** Smaller bodies are sent as they are, as `compression` does. */
const MIN_BYTES = 1024;
/** Larger bodies would hold the event loop too long: they are streamed through the thread pool. */
const MAX_BYTES = 64 * 1024;

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml|javascript|[\w.+-]+\+(?:json|xml))|image\/svg\+xml)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

// The levels `compression` uses for its streams: the bytes on the wire stay as they were.
const BROTLI_QUALITY = 4;
const GZIP_LEVEL = zlib.constants.Z_DEFAULT_COMPRESSION;

function addVary(res: Response): void {
  const vary = res.getHeader('Vary');
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : '';
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current)) res.setHeader('Vary', current ? `${current}, Accept-Encoding` : 'Accept-Encoding');
}

function mayCompress(res: Response, method: string): boolean {
  if (method === 'HEAD' || res.headersSent || res.statusCode === 204 || res.statusCode === 304) return false;
  if (res.hasHeader('Content-Encoding')) return false;
  const cacheControl = res.getHeader('Cache-Control');
  return !(typeof cacheControl === 'string' && NO_TRANSFORM.test(cacheControl));
}

/** `body` compressed for `encoding`, or null when that saves nothing. */
export function compressWhole(body: Buffer, encoding: 'br' | 'gzip'): Buffer | null {
  const out =
    encoding === 'br'
      ? zlib.brotliCompressSync(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : zlib.gzipSync(body, { level: GZIP_LEVEL });
  return out.length < body.length ? out : null;
}

export function compress(): RequestHandler {
  const streaming = compression();
  return (req, res, next) => {
    const send = res.send;
    res.send = function sendCompressed(this: Response, body?: unknown) {
      if ((typeof body !== 'string' && !Buffer.isBuffer(body)) || !mayCompress(this, req.method)) {
        return send.call(this, body);
      }
      // What Express would answer for a string with no type.
      if (typeof body === 'string') {
        if (!this.get('Content-Type')) this.type('html');
        const given = this.get('Content-Type') ?? '';
        if (!/;\s*charset=/i.test(given)) this.set('Content-Type', `${given}; charset=utf-8`);
      }
      const type = this.get('Content-Type') ?? '';
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      if (!COMPRESSIBLE.test(type) || bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) return send.call(this, body);
      addVary(this);
      const encoding = negotiateEncoding(req.headers['accept-encoding']);
      const compressed = encoding === 'identity' ? null : compressWhole(bytes, encoding);
      if (!compressed) return send.call(this, body);
      this.setHeader('Content-Encoding', encoding);
      return send.call(this, compressed);
    };
    streaming(req, res, next);
  };
}
