import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from './paths.js';

const versions = new Map<string, string>();

/** URL of a file under public/, with a content hash so a changed file is never served stale. */
export function asset(file: string): string {
  const clean = file.replace(/^\/+/, '');
  let version = versions.get(clean);
  if (version === undefined) {
    try {
      const bytes = fs.readFileSync(path.join(publicDir, clean));
      version = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    } catch {
      version = '';
    }
    versions.set(clean, version);
  }
  return version ? `/${clean}?v=${version}` : `/${clean}`;
}
