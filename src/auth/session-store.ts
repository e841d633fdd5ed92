import session from 'express-session';
import type { Db } from '../db.js';
import { dateOf, readerOf, type SqliteReader } from '../models/sqlite-reader.js';

type Callback<T = void> = (err?: unknown, value?: T) => void;

const DAY = 86_400_000;
/**
 * A rolling session's expiry moves on every request; writing it each time would make every admin
 * page view a durable write. The stored expiry is only moved when it is this far behind.
 */
const TOUCH_EVERY_MS = 3_600_000;
/** Sessions whose stored expiry this process remembers (bounded; forgetting only costs a write). */
const REMEMBERED = 10_000;

/** express-session records in the Session table, so sessions survive restarts; expired ones are swept. */
export class PrismaSessionStore extends session.Store {
  private sweeper: NodeJS.Timeout | undefined;
  /** sid → the expiry last read or written, in ms. */
  private readonly storedExpiry = new Map<string, number>();
  /** Every admin request reads its session: through a kept prepared statement, not Prisma. */
  private readonly reader: SqliteReader;

  constructor(
    private readonly db: Db,
    sweepEveryMs = 15 * 60_000,
  ) {
    super();
    this.reader = readerOf(db);
    if (sweepEveryMs > 0) {
      this.sweeper = setInterval(() => void this.sweep().catch(() => {}), sweepEveryMs);
      this.sweeper.unref();
    }
  }

  private remember(sid: string, expiresAt: Date): void {
    if (this.storedExpiry.size >= REMEMBERED) this.storedExpiry.clear();
    this.storedExpiry.set(sid, expiresAt.getTime());
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DAY);
  }

  override get(sid: string, cb: Callback<session.SessionData | null>): void {
    let sess: session.SessionData | null = null;
    try {
      const row = this.reader.get<{ data: string; expiresAt: string }>(
        'SELECT data, expiresAt FROM Session WHERE sid = ?',
        [sid],
      );
      const expiresAt = row ? dateOf(row.expiresAt) : null;
      if (row && expiresAt && expiresAt.getTime() > Date.now()) {
        this.remember(sid, expiresAt);
        sess = JSON.parse(row.data) as session.SessionData;
      }
    } catch (err) {
      return cb(err);
    }
    cb(null, sess);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback): void {
    const data = JSON.stringify(sess);
    const expiresAt = this.expiry(sess);
    const userId = sess.userId ?? null;
    this.db.session
      .upsert({ where: { sid }, create: { sid, data, expiresAt, userId }, update: { data, expiresAt, userId } })
      .then(() => {
        this.remember(sid, expiresAt);
        cb?.();
      })
      .catch((err: unknown) => cb?.(err));
  }

  override destroy(sid: string, cb?: Callback): void {
    this.storedExpiry.delete(sid);
    this.db.session
      .deleteMany({ where: { sid } })
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: Callback): void {
    const expiresAt = this.expiry(sess);
    const stored = this.storedExpiry.get(sid);
    if (stored !== undefined && expiresAt.getTime() - stored < TOUCH_EVERY_MS) {
      cb?.();
      return;
    }
    this.db.session
      .updateMany({ where: { sid }, data: { expiresAt } })
      .then(() => {
        this.remember(sid, expiresAt);
        cb?.();
      })
      .catch((err: unknown) => cb?.(err));
  }

  /** Deletes expired sessions; returns how many. */
  async sweep(): Promise<number> {
    const { count } = await this.db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    return count;
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    flash?: { kind: 'success' | 'error'; text: string }[];
  }
}
