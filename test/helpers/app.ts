import type { Express } from 'express';
import { createApp, type AppDeps } from '../../src/app.js';
import type { PostInput } from '../../src/content/types.js';
import { savePost } from '../../src/models/posts.js';
import { createTestDb, type TestDb } from './db.js';

export const BASE_URL = 'http://blog.test';

export interface TestApp extends TestDb {
  app: Express;
  errors: unknown[];
}

/** The real app on a fresh migrated database; errors the app logs are collected, not printed. */
export async function createTestApp(options: Partial<Pick<AppDeps, 'loginLimits' | 'render'>> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const errors: unknown[] = [];
  const app = createApp({
    db: testDb.db,
    env: { BASE_URL, TRUST_PROXY: 'false', NODE_ENV: 'test', DATA_DIR: testDb.dir },
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    log: (err) => errors.push(err),
    ...options,
  });
  return { ...testDb, app, errors };
}

let counter = 0;

/** A published post with sensible defaults; override what the test is about. */
export function postInput(overrides: Partial<PostInput> = {}): PostInput {
  counter++;
  return {
    type: 'post',
    slug: `post-${counter}`,
    title: `Post ${counter}`,
    markdown: `Body of post ${counter}.`,
    summarySource: '',
    description: '',
    status: 'published',
    publishedAt: new Date(Date.UTC(2024, 0, counter % 28 || 1)),
    expiresAt: null,
    updatedAt: null,
    weight: null,
    showToc: false,
    tags: [],
    categories: [],
    aliases: [],
    extra: {},
    ...overrides,
  };
}

export async function addPost(t: TestDb, overrides: Partial<PostInput> = {}) {
  const input = postInput(overrides);
  const { id } = await savePost(t.db, input);
  return { id, ...input };
}
