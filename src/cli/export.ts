import fs from 'node:fs/promises';
import path from 'node:path';
import { exportMediaFiles, exportSite, type ExportFailure } from '../import/export-site.js';
import { listPostsForExport } from '../models/posts.js';
import { dirArgument, isDirectory, runCli } from './run.js';

/**
 * npm run export -- <dir>: writes <dir>/content/posts/*.md and pages, and the images they show to
 * <dir>/static/media/. The folder is made (with its parents) when it is not there yet.
 */
runCli(
  async ({ db, env, args }) => {
    const dir = dirArgument(args[0]!);
    const made = await fs.mkdir(dir, { recursive: true }).catch((error: NodeJS.ErrnoException) => error);
    if (made instanceof Error || !isDirectory(dir)) {
      const code = made instanceof Error ? made.code : 'EEXIST';
      const why =
        code === 'EEXIST' || code === 'ENOTDIR'
          ? 'a file is in the way'
          : code === 'EACCES'
            ? 'permission denied'
            : code;
      console.error(`Cannot make the directory ${dir}: ${why}`);
      return 1;
    }
    const posts = await listPostsForExport(db);
    const failed: ExportFailure[] = [];
    const count = await exportSite(dir, posts, failed);
    console.log(`Exported ${count} posts and pages to ${path.join(dir, 'content')}.`);
    for (const f of failed) console.log(`${f.file}: ${f.reason}`);
    const media = await exportMediaFiles(dir, env.DATA_DIR, posts);
    if (media.copied > 0)
      console.log(`Copied ${media.copied} image files to ${path.join(dir, 'static', 'media')}.`);
    for (const m of media.missing)
      console.log(`${m.file}:${m.line}: image ${m.url} is no longer in the media library; not copied`);
    for (const m of media.failed) console.log(`${m.file}:${m.line}: image ${m.url} not copied: ${m.reason}`);
    return failed.length + media.failed.length > 0 ? 1 : 0;
  },
  {
    usage: (args) =>
      args[0]
        ? null
        : 'Usage: npm run export -- <directory>   (writes <directory>/content/posts/*.md and pages, <directory>/static/media/)',
  },
);
