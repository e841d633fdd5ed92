import { describe, expect, it } from 'vitest';
import { isContentWrite } from '../../src/cache/sql-writes.js';

describe('isContentWrite', () => {
  it.each([
    'INSERT INTO `main`.`Post` (`type`, `slug`) VALUES (?,?) RETURNING `id` AS `id`',
    'UPDATE `main`.`Post` SET `title` = ? WHERE (`main`.`Post`.`id` = ? AND 1=1) RETURNING `id`',
    'DELETE FROM `main`.`Tag` WHERE `main`.`Tag`.`id` = ?',
    'INSERT INTO `main`.`Setting` (`id`, `title`) VALUES (?,?)',
    'UPDATE `main`.`User` SET `name` = ? WHERE `main`.`User`.`id` = ?',
    'DELETE FROM post_search WHERE rowid = ?',
    'INSERT INTO post_search (rowid, title, body) VALUES (?, ?, ?)',
    '  -- a comment\n  insert or replace into "Redirect" (fromPath) values (?)',
    'REPLACE INTO Media (key) VALUES (?)',
    'WITH gone AS (SELECT 1) DELETE FROM Post WHERE id IN gone',
    'PRAGMA journal_mode = WAL',
    'VACUUM',
    'UPDATE `main`.`User` SET `name` = ?, `updatedAt` = ? WHERE `main`.`User`.`id` = ?',
    'UPDATE `main`.`User` SET `failedLogins` = ?, `active` = ? WHERE `main`.`User`.`id` = ?',
    'UPDATE `main`.`User` SET `failedLogins` = `failedLogins` + 1 WHERE `main`.`User`.`id` = ?',
    'DELETE FROM `main`.`User` WHERE `main`.`User`.`id` = ?',
  ])('when the statement is %j, then it is a content write', (sql) => {
    expect(isContentWrite(sql)).toBe(true);
  });

  it.each([
    'SELECT `main`.`Post`.`id` FROM `main`.`Post` WHERE 1=1',
    '  select 1',
    'INSERT INTO `main`.`Session` (`sid`, `data`, `expiresAt`) VALUES (?,?,?) ON CONFLICT (`sid`) DO UPDATE SET `data` = ?',
    'UPDATE `main`.`Session` SET `expiresAt` = ? WHERE `main`.`Session`.`sid` = ?',
    'DELETE FROM `main`.`Session` WHERE `main`.`Session`.`expiresAt` <= ?',
    'BEGIN',
    'COMMIT',
    'ROLLBACK',
    'SAVEPOINT s1',
    'RELEASE SAVEPOINT s1',
    'PRAGMA data_version',
    '/* why */ SELECT count(*) FROM Post',
    'INSERT INTO `main`.`Revision` (`postId`, `title`, `markdown`) VALUES (?,?,?)',
    'DELETE FROM `main`.`Revision` WHERE `main`.`Revision`.`postId` = ?',
    'INSERT INTO `main`.`AuditEntry` (`action`, `ip`) VALUES (?,?) RETURNING `id`',
    'UPDATE `main`.`User` SET `failedLogins` = ?, `loginBlockedUntil` = ?, `updatedAt` = ? WHERE (`main`.`User`.`id` = ? AND 1=1)',
    'UPDATE `main`.`User` SET `totpLastStep` = ? WHERE (`main`.`User`.`id` = ? AND (`main`.`User`.`totpLastStep` IS NULL OR `main`.`User`.`totpLastStep` < ?))',
    'UPDATE `main`.`User` SET `passwordHash` = ?, `resetTokenHash` = ?, `resetTokenExpiry` = ? WHERE `main`.`User`.`id` = ?',
  ])('when the statement is %j, then it changes no page', (sql) => {
    expect(isContentWrite(sql)).toBe(false);
  });
});
