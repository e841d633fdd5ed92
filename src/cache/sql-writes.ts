/**
 * Which SQL statements change what the public site shows. Pure: the page cache's write hook
 * (content-changes.ts) asks this about every statement Prisma sends to SQLite.
 *
 * The rule errs on the side of "changed": anything that is not plainly a read, a transaction
 * keyword or a write to a table no page reads counts as a content write. A false alarm costs a
 * cache refill; a missed write would serve a stale page.
 */

/**
 * Tables no public page reads: sessions (written on every admin request), revisions (a save's
 * history; the post row itself is written too when anything public changes) and the audit log
 * (written on every failed sign-in: someone guessing passwords must not empty the readers' cache).
 */
const INVISIBLE_TABLES = new Set(['session', 'revision', 'auditentry']);

/**
 * Columns of User no public page shows: sign-in bookkeeping. An UPDATE that sets only these (a
 * failed sign-in's back-off, a used two-factor step) changes no page; a new name does.
 */
const PRIVATE_USER_COLUMNS = new Set([
  'passwordhash', 'resettokenhash', 'resettokenexpiry', 'totpsecret', 'totpenabledat', 'totplaststep',
  'recoverycodesjson', 'failedlogins', 'loginblockeduntil', 'updatedat',
]);
const SET_CLAUSE = /\sset\s+(.*?)\s+where\s/;
const SET_COLUMN = /(?:^|,)\s*[`"[]?(\w+)[`"\]]?\s*=\s*\?/g;

const READ = /^(select|explain|begin|commit|end|rollback|savepoint|release)\b/;
const PRAGMA_READ = /^pragma\s+[\w.]+\s*;?\s*$/;
const WRITE_TARGET =
  /^(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+((?:[`"[]?\w+[`"\]]?\s*\.\s*)?[`"[]?(\w+)[`"\]]?)/;

/** Strips leading whitespace and SQL comments, lower-cased. */
function head(sql: string, length = 200): string {
  return sql.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').slice(0, length).toLowerCase();
}

/** True for `UPDATE User SET <only private columns> = ? … WHERE …`, as Prisma writes it. */
function setsOnlyPrivateUserColumns(sql: string): boolean {
  const set = SET_CLAUSE.exec(head(sql, 1000))?.[1];
  if (!set) return false;
  const columns = [...set.matchAll(SET_COLUMN)].map((m) => m[1] ?? '');
  // Every assignment must have been read as `column = ?`: anything else (an expression) counts as a change.
  const assignments = set.split(',').length;
  return columns.length === assignments && columns.every((c) => PRIVATE_USER_COLUMNS.has(c));
}

/** True when running `sql` may change a public page (see the module comment). */
export function isContentWrite(sql: string): boolean {
  const start = head(sql);
  if (READ.test(start) || PRAGMA_READ.test(start)) return false;
  const target = WRITE_TARGET.exec(start);
  if (target?.[2] && INVISIBLE_TABLES.has(target[2])) return false;
  if (target?.[2] === 'user' && start.startsWith('update') && setsOnlyPrivateUserColumns(sql)) return false;
  return true;
}
