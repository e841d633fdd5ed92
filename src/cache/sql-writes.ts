/**
 * Which SQL statements change what the public site shows. Pure: the page cache's write hook
 * (content-changes.ts) asks this about every statement Prisma sends to SQLite.
 *
 * The rule errs on the side of "changed": anything that is not plainly a read, a transaction
 * keyword or a write to a table no page reads counts as a content write. A false alarm costs a
 * cache refill; a missed write would serve a stale page.
 */

/** Tables no public page reads: sessions are written on every admin request. */
const INVISIBLE_TABLES = new Set(['session']);

const READ = /^(select|explain|begin|commit|end|rollback|savepoint|release)\b/;
const PRAGMA_READ = /^pragma\s+[\w.]+\s*;?\s*$/;
const WRITE_TARGET =
  /^(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+((?:[`"[]?\w+[`"\]]?\s*\.\s*)?[`"[]?(\w+)[`"\]]?)/;

/** Strips leading whitespace and SQL comments, lower-cased. */
function head(sql: string): string {
  return sql.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').slice(0, 200).toLowerCase();
}

/** True when running `sql` may change a public page (see the module comment). */
export function isContentWrite(sql: string): boolean {
  const start = head(sql);
  if (READ.test(start) || PRAGMA_READ.test(start)) return false;
  const target = WRITE_TARGET.exec(start);
  if (target?.[2] && INVISIBLE_TABLES.has(target[2])) return false;
  return true;
}
