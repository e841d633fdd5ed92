import fs from 'node:fs/promises';
import path from 'node:path';
import { postToHugo } from '../content/hugo-export.js';
import type { PostInput } from '../content/types.js';

/** Writes each post to `<dir>/content/<relPath>` as a Hugo file; returns how many were written. */
export async function exportSite(dir: string, posts: PostInput[]): Promise<number> {
  const contentDir = path.resolve(dir, 'content');
  for (const post of posts) {
    const { relPath, text } = postToHugo(post);
    const target = path.resolve(contentDir, relPath);
    // A slug is a single path segment; anything else must not write outside the site.
    if (!target.startsWith(contentDir + path.sep)) throw new Error(`slug "${post.slug}" is not a safe file name`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text, 'utf8');
  }
  return posts.length;
}
