import path from 'node:path';
import { exportMediaFiles, exportSite } from '../import/export-site.js';
import { listPostsForExport } from '../models/posts.js';
import { dirArgument, isDirectory, runCli } from './run.js';

/** npm run export -- <dir>: writes <dir>/content/posts/*.md and pages, and the images they show to <dir>/static/media/. */
runCli(
  async ({ db, env, args }) => {
    const dir = dirArgument(args[0]!);
    if (!isDirectory(dir)) {
      console.error(`No such directory: ${dir}`);
      return 1;
    }
    const posts = await listPostsForExport(db);
    const count = await exportSite(dir, posts);
    console.log(`Exported ${count} posts and pages to ${path.join(dir, 'content')}.`);
    const media = await exportMediaFiles(dir, env.DATA_DIR, posts);
    if (media.copied > 0)
      console.log(`Copied ${media.copied} image files to ${path.join(dir, 'static', 'media')}.`);
    for (const m of media.missing)
      console.log(`${m.file}:${m.line}: image ${m.url} is no longer in the media library; not copied`);
    return 0;
  },
  {
    usage: (args) =>
      args[0]
        ? null
        : 'Usage: npm run export -- <directory>   (writes <directory>/content/posts/*.md and pages, <directory>/static/media/)',
  },
);
