import { describe, expect, it } from 'vitest';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import { ContentChanges, watchContentWrites } from '../../src/cache/content-changes.js';

const q = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
const empty = { columnNames: [], columnTypes: [], rows: [] };

/** A driver adapter that records what happens, in order, with the announcements in between. */
function fakeFactory(log: string[]): SqlDriverAdapterFactory {
  const queryable = (name: string) => ({
    provider: 'sqlite' as const,
    adapterName: 'fake',
    queryRaw: async (query: SqlQuery) => {
      log.push(`${name}:${query.sql}`);
      return empty;
    },
    executeRaw: async (query: SqlQuery) => {
      log.push(`${name}:${query.sql}`);
      return 1;
    },
  });
  const adapter = {
    ...queryable('db'),
    executeScript: async () => {},
    startTransaction: async () =>
      ({
        ...queryable('tx'),
        options: { usePhantomQuery: false },
        commit: async () => void log.push('commit'),
        rollback: async () => void log.push('rollback'),
      }) as Transaction,
    dispose: async () => {},
  } as SqlDriverAdapter;
  return { provider: 'sqlite', adapterName: 'fake', connect: async () => adapter } as SqlDriverAdapterFactory;
}

async function setup() {
  const log: string[] = [];
  const changes = new ContentChanges();
  changes.subscribe(() => log.push('CHANGED'));
  const adapter = await watchContentWrites(fakeFactory(log), changes).connect();
  return { log, adapter };
}

describe('watchContentWrites', () => {
  it('when a post is written outside a transaction, then the change is announced once it has run', async () => {
    const { log, adapter } = await setup();
    await adapter.queryRaw(q('UPDATE `main`.`Post` SET `title` = ?'));
    expect(log).toEqual(['db:UPDATE `main`.`Post` SET `title` = ?', 'CHANGED']);
  });

  it('when only reads and session writes run, then nothing is announced', async () => {
    const { log, adapter } = await setup();
    await adapter.queryRaw(q('SELECT 1'));
    await adapter.executeRaw(q('UPDATE `main`.`Session` SET `expiresAt` = ?'));
    const tx = await adapter.startTransaction();
    await tx.queryRaw(q('SELECT `main`.`Setting`.`id` FROM `main`.`Setting`'));
    await tx.executeRaw(q('COMMIT'));
    await tx.commit();
    expect(log).not.toContain('CHANGED');
  });

  it('when a transaction writes and commits, then the change is announced as each write starts and again after the commit', async () => {
    const { log, adapter } = await setup();
    const tx = await adapter.startTransaction();
    await tx.queryRaw(q('INSERT INTO `main`.`Post` (`slug`) VALUES (?)'));
    await tx.executeRaw(q('DELETE FROM post_search WHERE rowid = ?'));
    await tx.executeRaw(q('COMMIT'));
    await tx.commit();
    expect(log).toEqual([
      'CHANGED',
      'tx:INSERT INTO `main`.`Post` (`slug`) VALUES (?)',
      'CHANGED',
      'tx:DELETE FROM post_search WHERE rowid = ?',
      'tx:COMMIT',
      'commit',
      'CHANGED',
    ]);
  });

  it('when a transaction that wrote rolls back, then the change is announced again after the rollback', async () => {
    const { log, adapter } = await setup();
    const tx = await adapter.startTransaction();
    await tx.queryRaw(q('UPDATE `main`.`Post` SET `title` = ?'));
    await tx.executeRaw(q('ROLLBACK'));
    await tx.rollback();
    expect(log.slice(-2)).toEqual(['rollback', 'CHANGED']);
  });
});
