import type { Request, Response } from 'express';
import multer from 'multer';
import { formatBytes } from './present.js';

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface ParsedUpload {
  file?: { buffer: Buffer; originalname: string };
  fields: Record<string, unknown>;
  /** Set when the body was refused: 413 too big, 400 malformed. */
  error?: { status: 400 | 413; message: string };
}

/**
 * Reads a multipart body with one file in the field `file`, kept in memory up to `maxBytes`.
 * Refusals come back as `error` (never thrown) so the route can check CSRF first and answer
 * in the page or JSON; multer reads the rest of a refused body before answering.
 */
export function uploadReader(maxBytes: number) {
  const parse = multer({
    storage: multer.memoryStorage(),
    // Browsers send a file name as UTF-8 bytes; busboy would read them as Latin-1 ("cafÃ©").
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12, headerPairs: 50 },
  }).single('file');

  return (req: Request, res: Response): Promise<ParsedUpload> =>
    new Promise((resolve) => {
      parse(req, res, (err?: unknown) => {
        const fields = (req.body ?? {}) as Record<string, unknown>;
        if (!err) return resolve({ file: req.file, fields });
        const code = err instanceof multer.MulterError ? err.code : undefined;
        const error =
          code === 'LIMIT_FILE_SIZE'
            ? { status: 413 as const, message: `That file is too big: ${formatBytes(maxBytes)} at most.` }
            : code === 'LIMIT_UNEXPECTED_FILE'
              ? { status: 400 as const, message: 'Upload one image at a time, in the field named "file".' }
              : { status: 400 as const, message: 'The upload could not be read. Please try again.' };
        resolve({ fields, error });
      });
    });
}
