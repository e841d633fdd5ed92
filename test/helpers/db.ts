import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createDb, type Db } from '../../src/db.js';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup: () => Promise<void>;
}

/** A fresh, migrated SQLite file for one test file, copied from the run's template. */
export async function createTestDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-test-'));
  const file = path.join(dir, 'blog.db');
  fs.copyFileSync(inject('templateDb'), file);
  const url = `file:${file}`;
  const db = createDb(url);
  return {
    db,
    url,
    dir,
    cleanup: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
