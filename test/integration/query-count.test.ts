/**
 * No query per post: every page runs the same SQL statements whether its list holds 5 posts or 30.
 * Statements are counted at the driver adapter, where every one of them passes (model calls,
 * relation loads, raw SQL, transactions' COMMIT).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory, SqlQueryable } from '@prisma/driver-adapter-utils';
import { createApp } from '../../src/app.js';
import { PrismaClient } from '../../src/generated/prisma/client.js';
import { sqlitePath } from '../../src/db.js';
import { attachReader } from '../../src/models/sqlite-reader.js';
import { updateSettings } from '../../src/models/settings.js';
import { makeUser, signIn } from '../helpers/admin.js';
import { addPost, BASE_URL } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

/** Makes every statement `target` runs call `onStatement` first. */
function counted<T extends SqlQueryable>(target: T, onStatement: (sql: string) => void): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  return Object.assign(target, {
    queryRaw: (query: Parameters<T['queryRaw']>[0]) => (onStatement(query.sql), queryRaw(query)),
    executeRaw: (query: Parameters<T['executeRaw']>[0]) => (onStatement(query.sql), executeRaw(query)),
  });
}

/** A second client on the test database whose statements are recorded in `statements`. */
function countingClient(url: string) {
  const statements: string[] = [];
  const record = (sql: string) => statements.push(sql);
  const factory = new PrismaBetterSqlite3({ url });
  const adapter: SqlDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = counted(await factory.connect(), record);
      const startTransaction = connection.startTransaction.bind(connection);
      return Object.assign(connection, {
        startTransaction: async (...args: Parameters<typeof startTransaction>) =>
          counted(await startTransaction(...args), record),
      });
    },
  };
  const db = new PrismaClient({ adapter });
  // The admin's session, user and list reads go through the read connection: counted as well.
  attachReader(db, sqlitePath(url), record);
  return { db, statements };
}

const PAGES = [
  '/',
  '/posts/',
  '/tags/common/',
  '/tags/',
  '/categories/notes/',
  '/archives/',
  '/sitemap.xml',
  '/index.xml',
  '/tags/common/index.xml',
  '/search/?q=body',
] as const;

interface Site {
  t: TestDb;
  counts: Record<string, number>;
  cleanup: () => Promise<void>;
}

/** A blog of `n` posts (one weighted, all tagged, one category) and a page; counts each page's statements on a first visit. */
async function siteWith(n: number): Promise<Site> {
  const t = await createTestDb();
  // Every post on one page, so that a list of 30 shows 30.
  await updateSettings(t.db, { postsPerPage: 50 });
  await addPost(t, { type: 'page', slug: 'about', title: 'About', publishedAt: null });
  for (let i = 0; i < n; i++) {
    await addPost(t, {
      slug: `p${i}`,
      title: `Post ${i}`,
      publishedAt: new Date(Date.UTC(2024, 0, 1 + i)),
      weight: i === 0 ? 1 : null,
      tags: ['common', `tag-${i}`, `group-${i % 3}`],
      categories: ['notes'],
    });
  }
  const { db, statements } = countingClient(t.url);
  const app = createApp({
    db,
    env: { BASE_URL, TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: t.dir },
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    log: (err) => {
      throw err;
    },
  });
  const counts: Record<string, number> = {};
  const visit = async (name: string, get: () => Promise<unknown>) => {
    statements.length = 0;
    await get();
    counts[name] = statements.length;
  };
  const middle = `/posts/p${Math.floor(n / 2)}/`;
  for (const path of [...PAGES, middle]) {
    await visit(path === middle ? 'a post' : path, () => request(app).get(path).expect(200));
  }
  const user = await makeUser(t, 'administrator');
  const agent = await signIn(app, user.email);
  for (const path of ['/admin/posts/', '/admin/posts/?status=published', '/admin/pages/']) {
    await visit(path, () => agent.get(path).expect(200));
  }
  return {
    t,
    counts,
    cleanup: async () => {
      await db.$disconnect();
      await t.cleanup();
    },
  };
}

let small: Site;
let large: Site;
beforeAll(async () => {
  small = await siteWith(5);
  large = await siteWith(30);
});
afterAll(async () => {
  await small?.cleanup();
  await large?.cleanup();
});

describe('SQL statements per page', () => {
  it('when the lists hold 30 posts instead of 5, then every page runs exactly as many statements', () => {
    expect(Object.keys(large.counts)).toHaveLength(PAGES.length + 4);
    expect(large.counts).toEqual(small.counts);
  });

  it('when a page is rendered, then it runs a handful of statements (settings, menu, the list, its count)', () => {
    if (process.env.SHOW_QUERY_COUNTS) console.table(large.counts);
    for (const [page, count] of Object.entries(large.counts)) expect(count, page).toBeLessThanOrEqual(14);
  });
});
