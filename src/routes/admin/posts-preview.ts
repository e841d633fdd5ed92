/** Live preview: the editor's text through the exact public renderer, as JSON. */
import { Router } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { deriveContent } from '../../content/derive.js';
import { previewSchema } from '../../content/post-form.js';
import { zonedToUtc } from '../../content/zoned-time.js';
import { metaHtml } from '../present.js';
import { settingsOf } from './posts-shared.js';

export function postsPreviewRouter(): Router {
  const router = Router();

  router.post('/preview', (req, res) => {
    authorize(req, 'post:create');
    const parsed = previewSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return res
        .status(400)
        .json({
          error: 'The preview could not be read.',
          fields: parsed.error.issues.map((i) => String(i.path[0])),
        });
    }
    const { title, content, summary, description, publishAt } = parsed.data;
    const settings = settingsOf(res);
    const derived = deriveContent({ title, description, markdown: content, summarySource: summary });
    const publishedAt = (publishAt && zonedToUtc(publishAt, settings.timeZone)) || new Date();
    res.json({
      html: derived.html,
      summaryText: derived.summaryText,
      summaryTruncated: derived.summaryTruncated,
      readingTime: derived.readingTime,
      metaHtml: metaHtml(
        { publishedAt, readingTime: derived.readingTime, author: { name: userOf(req).name } },
        settings,
      ),
    });
  });

  return router;
}
