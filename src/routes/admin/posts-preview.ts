/** Live preview: the editor's text through the exact public renderer, as JSON. */
import { Router } from 'express';
import { authorize, userOf } from '../../auth/guards.js';
import { previewSchema } from '../../content/post-form.js';
import { zonedToUtc } from '../../content/zoned-time.js';
import { metaHtml } from '../present.js';
import type { FeatureDeps } from './features.js';
import { refusalStatus, renderText } from './posts-render.js';
import { settingsOf } from './posts-shared.js';

export function postsPreviewRouter({ renderer }: Pick<FeatureDeps, 'renderer'>): Router {
  const router = Router();

  router.post('/preview', async (req, res) => {
    authorize(req, 'post:create');
    const parsed = previewSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return res.status(400).json({
        error: 'The preview could not be read.',
        fields: parsed.error.issues.map((i) => String(i.path[0])),
      });
    }
    const { title, content, summary, description, publishAt } = parsed.data;
    const settings = settingsOf(res);
    const rendered = await renderText(
      renderer,
      { title, description, markdown: content, summarySource: summary },
      userOf(req).id,
    );
    if (!rendered.ok)
      return res.status(refusalStatus(res, rendered)).json({ error: rendered.message, fields: ['content'] });
    const { derived } = rendered;
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
