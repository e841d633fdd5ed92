import path from 'node:path';
import type { Db } from '../db.js';
import { savePost } from '../models/posts.js';
import { rootDir } from '../paths.js';
import { importHugoSite, type ImportReport } from './import-site.js';

/** The Hugo tree Byline ships as its sample blog; `rootDir` is found from the module, so this works from src/ and dist/src/. */
export const sampleContentDir = path.join(rootDir, 'prisma', 'sample-content');

/** Imports the sample posts and pages: `npm run seed`, and the first start of an empty site. */
export async function importSampleContent(db: Db, log: (line: string) => void = () => {}): Promise<ImportReport> {
  return importHugoSite(sampleContentDir, { savePost: (input) => savePost(db, input), log });
}
