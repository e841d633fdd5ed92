import type { Db } from '../db.js';

/** One admin action as the routes describe it; `actor` is null for an unknown visitor (a failed sign-in). */
export interface AuditInput {
  actor: { id: number; email: string } | null;
  /** Dotted verb, e.g. "post.publish", "user.role", "auth.sign-in", "settings.update". */
  action: string;
  /** What it acted on, e.g. "post:12", "user:3", "settings". */
  target?: string;
  /** A short line a person reads, e.g. "Published “Hello”". Never a password, token or secret. */
  summary?: string;
  /** The client address as Express sees it (req.ip, honouring TRUST_PROXY). */
  ip?: string;
}

const MAX = { action: 64, target: 128, summary: 500, email: 254, ip: 64 } as const;

const clip = (text: string | undefined, max: number) => (text ?? '').slice(0, max);

/** Appends an entry. The log is append-only: no model function edits or deletes one. */
export async function recordAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorEmail: clip(entry.actor?.email, MAX.email),
      action: clip(entry.action, MAX.action),
      target: clip(entry.target, MAX.target),
      summary: clip(entry.summary, MAX.summary),
      ip: clip(entry.ip, MAX.ip),
    },
  });
}

/** The newest entries first, a page at a time, optionally for one action prefix (e.g. "auth."). */
export async function listAudit(db: Db, opts: { page: number; perPage: number; actionPrefix?: string }) {
  const where = opts.actionPrefix ? { action: { startsWith: opts.actionPrefix } } : {};
  const [entries, total] = await Promise.all([
    db.auditEntry.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (opts.page - 1) * opts.perPage,
      take: opts.perPage,
    }),
    db.auditEntry.count({ where }),
  ]);
  return { entries, total };
}
