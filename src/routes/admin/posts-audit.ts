/** The audit log's lines for posts and pages: what a save did (created, published, scheduled…). */
import type { Request } from 'express';
import { auditFrom } from '../../auth/audit.js';
import { formatDate } from '../../content/dates.js';
import type { PostStatus } from '../../content/types.js';
import type { Db } from '../../db.js';
import { recordAudit, type AuditInput } from '../../models/audit.js';
import type { Kind } from './posts-shared.js';

type What = Pick<AuditInput, 'action' | 'target' | 'summary'>;

/** Appends an entry for what the signed-in user just did; call it once the change has succeeded. */
export function recordAction(db: Db, req: Request, what: What): Promise<void> {
  return recordAudit(db, auditFrom(req, what));
}

export const postTarget = (kind: Kind, id: number) => `${kind.noun}:${id}`;

const when = (date: Date | null, timeZone: string) =>
  date ? formatDate(date, 'Jan 2, 2006 15:04 MST', timeZone) : 'later';

interface Saved {
  id: number;
  title: string;
  status: PostStatus;
  publishedAt: Date | null;
}

/**
 * The entry for a save from the editor. A save that changes the status is named for the change
 * (post.publish, post.schedule, post.unpublish); any other is post.update; a new one post.create.
 */
export function saveEntry(
  kind: Kind,
  before: { title: string; status: PostStatus } | null,
  after: Saved,
  timeZone: string,
): What {
  const n = kind.noun;
  const title = `“${after.title}”`;
  const target = postTarget(kind, after.id);
  if (!before) {
    const how = {
      draft: `Created ${title} as a draft`,
      published: `Created and published ${title}`,
      scheduled: `Created ${title}, scheduled for ${when(after.publishedAt, timeZone)}`,
    }[after.status];
    return { action: `${n}.create`, target, summary: how };
  }
  if (before.status !== after.status) {
    if (after.status === 'published')
      return { action: `${n}.publish`, target, summary: `Published ${title}` };
    if (after.status === 'scheduled') {
      return {
        action: `${n}.schedule`,
        target,
        summary: `Scheduled ${title} for ${when(after.publishedAt, timeZone)}`,
      };
    }
    return { action: `${n}.unpublish`, target, summary: `Unpublished ${title}: back to a draft` };
  }
  const renamed = before.title !== after.title ? ` (was “${before.title}”)` : '';
  return { action: `${n}.update`, target, summary: `Edited ${title}${renamed}` };
}
