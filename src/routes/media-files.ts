import { Router } from 'express';

/** Placeholder: serves uploaded media from DATA_DIR/uploads at /media/<key>/<file>. */
export function mediaFilesRouter(_dataDir: string): Router {
  return Router();
}
