import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyPendingMigrations } from '../../src/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

/** Migrates one template database per run; each test copies it (see test/helpers/db.ts). */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-template-'));
  const file = path.join(dir, 'template.db');
  await applyPendingMigrations(`file:${file}`);
  project.provide('templateDb', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
