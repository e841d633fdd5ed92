import { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { csrfError, isCsrfError, isCsrfValid } from '../../auth/csrf.js';
import { auditFrom } from '../../auth/audit.js';
import { flash } from '../../auth/flash.js';
import { authorize, requireAction, userOf } from '../../auth/guards.js';
import { can } from '../../auth/policy.js';
import { HttpError, notFound } from '../../http-error.js';
import { uploadSlots } from '../../media/image-work.js';
import { DEFAULT_MAX_UPLOAD_BYTES, uploadReader } from '../../media/multipart.js';
import { formatBytes, mediaCard } from '../../media/present.js';
import { ImageRejected } from '../../media/process.js';
import { saveUpload } from '../../media/save-upload.js';
import { removeUpload } from '../../media/storage.js';
import { recordAudit } from '../../models/audit.js';
import { deleteMedia, getMedia, listMedia, listPostsUsingMedia } from '../../models/media.js';
import type { SiteSettings } from '../../models/settings.js';
import { BusyError } from '../../work/admission.js';
import type { FeatureDeps } from './features.js';

const PER_PAGE = 30;
const idParam = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number);
const listQuery = z.object({
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/)
    .transform(Number)
    .default(1),
});
const uploadFields = z.object({ alt: z.string().max(300, 'Alt text: 300 characters at most.').default('') });

export interface MediaDeps extends FeatureDeps {
  /** Largest upload accepted, in bytes (UPLOAD_MAX_MB); 10 MB when not given. */
  maxUploadBytes?: number;
}

/** Scripts (the editor's image drop) ask for JSON; forms get pages. */
const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';
const ownerOf = (row: { uploadedById: number | null }) => ({ authorId: row.uploadedById, status: '' });

/** /admin/media: upload images (form or script), list them with their Markdown, delete with a warning when used. */
export function mediaAdminRouter({
  db,
  dataDir,
  maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES,
}: MediaDeps): Router {
  const router = Router();
  const readUpload = uploadReader(maxUploadBytes);

  async function renderPage(
    req: Request,
    res: Response,
    status: number,
    form: { errors?: Record<string, string>; alt?: string } = {},
  ) {
    const parsed = listQuery.safeParse(req.query);
    if (!parsed.success) throw notFound();
    const page = parsed.data.page;
    const { items, total } = await listMedia(db, { page, perPage: PER_PAGE });
    if (items.length === 0 && page > 1) throw notFound();
    const user = userOf(req);
    const { timeZone } = res.locals.settings as SiteSettings;
    res.status(status).render('admin/media/index', {
      page: { title: 'Media' },
      adminSection: 'media',
      items: items.map((row) => ({
        ...mediaCard(row, timeZone),
        canDelete: can(user, 'media:delete', ownerOf(row)),
      })),
      errors: form.errors ?? {},
      values: { alt: form.alt ?? '' },
      maxSize: formatBytes(maxUploadBytes),
      prevUrl: page > 1 ? `/admin/media?page=${page - 1}` : null,
      nextUrl: page * PER_PAGE < total ? `/admin/media?page=${page + 1}` : null,
    });
  }

  router.get('/media', requireAction('media:upload'), (req, res) => renderPage(req, res, 200));

  /** A refused upload: the page with the message by its field and the alt text kept, or JSON for scripts. */
  function refuse(
    req: Request,
    res: Response,
    status: number,
    message: string,
    { field = 'file', alt = '', retryAfter }: { field?: string; alt?: string; retryAfter?: number } = {},
  ) {
    if (retryAfter) res.set('Retry-After', String(retryAfter));
    return wantsJson(req)
      ? res.status(status).json({ error: message })
      : renderPage(req, res, status, { errors: { [field]: message }, alt });
  }

  async function receiveUpload(req: Request, res: Response, next: NextFunction) {
    const upload = await readUpload(req, res);
    // The CSRF check for multipart bodies happens here, once the body is read (see src/auth/csrf.ts).
    if (!isCsrfValid(req)) return next(csrfError());
    const alt = typeof upload.fields.alt === 'string' ? upload.fields.alt : '';
    if (upload.error) return refuse(req, res, upload.error.status, upload.error.message, { alt });
    const fields = uploadFields.safeParse(upload.fields);
    if (!fields.success)
      return refuse(req, res, 400, fields.error.issues[0]?.message ?? 'Check the alt text.', {
        field: 'alt',
        alt,
      });
    if (!upload.file) return refuse(req, res, 400, 'Choose an image to upload.', { alt });
    let saved;
    try {
      saved = await saveUpload(db, dataDir, {
        bytes: upload.file.buffer,
        originalName: upload.file.originalname,
        alt: fields.data.alt,
        uploadedById: userOf(req).id,
      });
    } catch (err) {
      if (err instanceof ImageRejected) return refuse(req, res, err.status, err.message, { alt });
      if (err instanceof BusyError)
        return refuse(req, res, err.status, err.message, { alt, retryAfter: err.retryAfterSeconds });
      throw err;
    }
    const { media, url, markdown } = saved;
    await recordAudit(
      db,
      auditFrom(req, {
        action: 'media.upload',
        target: `media:${media.id}`,
        summary: `Uploaded ${media.originalName} (${media.width}×${media.height}, ${formatBytes(media.bytes)})`,
      }),
    );
    if (wantsJson(req))
      return res.status(201).json({ url, markdown, width: media.width, height: media.height });
    flash(req, 'success', `Uploaded ${media.originalName}.`);
    res.redirect(303, '/admin/media');
  }

  // A place is taken before the body is read, so only uploadSlots' few bodies are ever in memory.
  router.post('/media', requireAction('media:upload'), async (req, res, next) => {
    try {
      await uploadSlots.run(() => receiveUpload(req, res, next), userOf(req).id);
    } catch (err) {
      if (!(err instanceof BusyError) || res.headersSent) throw err;
      await refuse(req, res, err.status, err.message, { retryAfter: err.retryAfterSeconds });
    }
  });

  router.post('/media/:id/delete', async (req, res) => {
    const id = idParam.safeParse(req.params.id);
    const media = id.success ? await getMedia(db, id.data) : null;
    if (!media) throw notFound('That upload does not exist.');
    authorize(req, 'media:delete', ownerOf(media));
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === 'yes';
    const usedBy = confirmed ? [] : await listPostsUsingMedia(db, media.key);
    if (usedBy.length > 0) {
      return res.render('admin/media/delete', {
        page: { title: 'Delete image?' },
        adminSection: 'media',
        media,
        usedBy,
      });
    }
    await deleteMedia(db, media.id);
    await removeUpload(dataDir, media.key);
    await recordAudit(
      db,
      auditFrom(req, {
        action: 'media.delete',
        target: `media:${media.id}`,
        summary: `Deleted ${media.originalName}`,
      }),
    );
    flash(req, 'success', `Deleted ${media.originalName}.`);
    res.redirect(303, '/admin/media');
  });

  // Script callers get their refusals (403, 404…) as JSON too.
  const jsonErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (!wantsJson(req)) return next(err);
    const status = err instanceof HttpError ? err.status : isCsrfError(err) ? 403 : 500;
    if (status >= 500) return next(err);
    res.status(status).json({ error: (err as Error).message });
  };
  router.use('/media', jsonErrors);

  return router;
}
