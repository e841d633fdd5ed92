import path from 'node:path';
import fs from 'node:fs';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/prisma/client.js';
import { ContentChanges, registerContentChanges, watchContentWrites } from './cache/content-changes.js';
import { withSqlitePragmas } from './models/sqlite-pragmas.js';
import { attachReader } from './models/sqlite-reader.js';

export type Db = PrismaClient;

/** Resolves a `file:` URL to a path, relative URLs against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  return path.resolve(databaseUrl.replace(/^file:/, '').replace(/\?.*$/, ''));
}

/**
 * The only place a PrismaClient is made. Each connection gets Byline's SQLite pragmas, and every
 * SQL statement passes the content-write watch, which tells the page cache (src/cache/) when a
 * page may have changed. Beside it, a read-only connection for the admin's hot reads
 * (src/models/sqlite-reader.ts), closed by `$disconnect()`.
 */
export function createDb(databaseUrl: string): Db {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const changes = new ContentChanges();
  const adapter = watchContentWrites(withSqlitePragmas(new PrismaBetterSqlite3({ url: `file:${file}` })), changes);
  const db = new PrismaClient({ adapter });
  registerContentChanges(db, changes);
  attachReader(db, file);
  return db;
}
