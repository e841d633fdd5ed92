import { Router, type Response } from 'express';
import { auditFrom } from '../../auth/audit.js';
import { flash } from '../../auth/flash.js';
import { requireAction } from '../../auth/guards.js';
import {
  datePreview,
  fieldErrors,
  savedValues,
  settingsChangeSummary,
  settingsFormSchema,
  timeZoneChoices,
  typedValues,
  type SettingsFormValues,
} from '../../content/settings-form.js';
import { recordAudit } from '../../models/audit.js';
import { getSettings, updateSettings } from '../../models/settings.js';
import type { FeatureDeps } from './features.js';

/**
 * /admin/settings: the site's title, description, URL, paging, time zone and date format, and whether
 * administrators must use two-factor sign-in (administrators only; each change is audited).
 */
export function settingsAdminRouter({ db }: FeatureDeps): Router {
  const router = Router();
  router.use('/settings', requireAction('settings:manage'));

  function render(res: Response, status: number, values: SettingsFormValues, errors: Record<string, string>) {
    res.status(status).render('admin/settings', {
      page: { title: 'Settings' },
      adminSection: 'settings',
      values,
      errors,
      timeZones: timeZoneChoices(values.timeZone),
      preview:
        errors.dateFormat || errors.timeZone
          ? null
          : datePreview(values.dateFormat, values.timeZone, new Date()),
    });
  }

  router.get('/settings', async (_req, res) => {
    render(res, 200, savedValues(await getSettings(db)), {});
  });

  router.post('/settings', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = typedValues(body);
    const parsed = settingsFormSchema.safeParse(body);
    if (!parsed.success) return render(res, 400, values, fieldErrors(parsed.error));
    // "Preview date" shows the typed format without saving anything.
    if (body.action === 'preview') return render(res, 200, values, {});
    const before = await getSettings(db);
    await updateSettings(db, parsed.data);
    const summary = settingsChangeSummary(before, parsed.data);
    if (summary)
      await recordAudit(db, auditFrom(req, { action: 'settings.update', target: 'settings', summary }));
    flash(req, 'success', 'Settings saved.');
    res.redirect(303, '/admin/settings');
  });

  return router;
}
