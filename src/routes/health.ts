import { Router } from 'express';
import type { Db } from '../db.js';

/** 200 when the database answers, 503 otherwise. */
export function healthRouter(db: Db): Router {
  const router = Router({ strict: true });
  router.get('/healthz', async (_req, res) => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
