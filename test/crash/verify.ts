/**
 * The check after a kill: the database file as the dead server left it must pass SQLite's own
 * integrity and foreign-key checks and hold every acknowledged save, exactly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Ledger, Save } from './ledger.js';

export interface Verdict {
  integrity: string;
  journalMode: string;
  /** Acknowledged saves not stored exactly as acknowledged (must be 0). */
  missing: number;
  /** What is wrong, one line each: missing saves and anything else out of place. */
  problems: string[];
  /** Saves in flight at the kill that turned out to be stored (allowed: they were never promised). */
  storedUnanswered: number;
}

interface Row {
  id: number;
  slug: string;
  title: string;
  markdown: string;
  status: string;
  version: number;
}

/**
 * Copies blog.db with its -wal/-shm/-journal to a scratch folder and checks the copy: SQLite
 * recovers from the log on opening, and the copy lets the restarted server do its own recovery
 * on the untouched original.
 */
function openCopy(dbFile: string): { db: Database.Database; dispose: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-crash-check-'));
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (fs.existsSync(dbFile + suffix)) fs.copyFileSync(dbFile + suffix, path.join(dir, 'blog.db' + suffix));
  }
  const db = new Database(path.join(dir, 'blog.db'), { fileMustExist: true });
  return {
    db,
    dispose: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function verifyDatabase(dbFile: string, ledger: Ledger): Verdict {
  const { db, dispose } = openCopy(dbFile);
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const journalMode = db.pragma('journal_mode', { simple: true }) as string;
    const problems: string[] = [];
    const fkViolations = db.pragma('foreign_key_check') as unknown[];
    if (fkViolations.length > 0) problems.push(`${fkViolations.length} foreign key violation(s)`);

    const postById = db.prepare<[number], Row>(
      'SELECT id, slug, title, markdown, status, version FROM Post WHERE id = ?',
    );
    const postBySlug = db.prepare<[string], Row>(
      "SELECT id, slug, title, markdown, status, version FROM Post WHERE type = 'post' AND slug = ?",
    );
    const tagsOf = db.prepare<[number], { name: string }>(
      "SELECT t.name FROM PostTag pt JOIN Tag t ON t.id = pt.tagId WHERE pt.postId = ? AND t.taxonomy = 'tags' ORDER BY pt.position",
    );
    const revision = db.prepare<[number, string, string], { n: number }>(
      'SELECT count(*) AS n FROM Revision WHERE postId = ? AND title = ? AND markdown = ?',
    );
    const matches = (row: Row, save: Save) =>
      row.slug === save.slug &&
      row.title === save.title &&
      row.markdown === save.markdown &&
      row.status === save.status &&
      row.version === save.version &&
      tagsOf
        .all(row.id)
        .map((t) => t.name)
        .join('\n') === save.tags.join('\n');

    const missing = new Set<string>(); // titles of acknowledged saves (each is unique)
    let storedUnanswered = 0;
    for (const post of ledger.posts.values()) {
      const row = postById.get(post.id);
      if (!row) {
        missing.add(post.state.title);
        problems.push(`post ${post.id} (${post.state.slug}) is missing`);
      } else if (post.inFlight && matches(row, post.inFlight)) {
        post.state = post.inFlight; // stored after all: the next round starts from it
        storedUnanswered++;
      } else if (!matches(row, post.state)) {
        missing.add(post.state.title);
        problems.push(
          `post ${post.id} is at version ${row.version} “${row.title}”, acknowledged version ${post.state.version} “${post.state.title}”`,
        );
      }
      post.inFlight = null;
    }
    for (const { postId, save } of ledger.acknowledged) {
      if (revision.get(postId, save.title, save.markdown)!.n === 1) continue;
      missing.add(save.title);
      problems.push(`post ${postId}: no revision for “${save.title}”`);
    }
    for (const [slug, save] of ledger.unansweredCreates) {
      const row = postBySlug.get(slug);
      if (!row) continue;
      if (!matches(row, save)) problems.push(`unanswered new post ${slug} is stored, but not as sent`);
      ledger.posts.set(row.id, { id: row.id, state: save, inFlight: null });
      storedUnanswered++;
    }
    ledger.unansweredCreates.clear();
    const { n } = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM Post').get()!;
    if (n !== ledger.posts.size) problems.push(`${n} posts stored, ${ledger.posts.size} sent`);
    return { integrity, journalMode, missing: missing.size, problems, storedUnanswered };
  } finally {
    dispose();
  }
}
