import { Router } from 'express';
import { mimeTypeOfStoredFile } from '../media/image-types.js';
import { uploadFilePath, uploadsDir } from '../media/storage.js';

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * Serves uploads at /media/<key>/<file> from DATA_DIR/uploads. A stored file never changes (a new
 * upload gets a new key), so it is cached for a year. Anything else under /media/ is a 404 — only
 * names Byline itself writes are looked up, so nothing outside the uploads folder can be reached.
 */
export function mediaFilesRouter(dataDir: string): Router {
  const router = Router({ strict: true });
  const root = uploadsDir(dataDir);

  router.use('/media', (req, res, next) => {
    // "/media/" itself is left to the rest of the site (a page could be called "media").
    if (req.path === '/') return next();
    // A plain 404 (no page, no database): these URLs are asked for by <img>, not read by people.
    const missing = () => res.status(404).type('text/plain').send('Not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return missing();
    const segments = req.path.slice(1).split('/').map(safeDecode);
    const [key, file] = segments;
    const full = segments.length === 2 && key && file ? uploadFilePath(dataDir, key, file) : null;
    const type = file ? mimeTypeOfStoredFile(file) : null;
    if (!full || !type || !key || !file) return missing();
    res.set({
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    res.sendFile(`${key}/${file}`, { root, maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err) => {
      if (!err) return;
      if (res.headersSent) return;
      res.removeHeader('Content-Security-Policy');
      const status = (err as { status?: number }).status;
      if (status === 404 || (err as NodeJS.ErrnoException).code === 'ENOENT') return missing();
      next(err);
    });
  });

  return router;
}
