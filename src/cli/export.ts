import path from 'node:path';
import { exportSite } from '../import/export-site.js';
import { listPostsForExport } from '../models/posts.js';
import { dirArgument, isDirectory, runCli } from './run.js';

/** npm run export -- <dir>: writes <dir>/content/posts/*.md and pages. */
runCli(
  async ({ db, args }) => {
    const dir = dirArgument(args[0]!);
    if (!isDirectory(dir)) {
      console.error(`No such directory: ${dir}`);
      return 1;
    }
    const count = await exportSite(dir, await listPostsForExport(db));
    console.log(`Exported ${count} posts and pages to ${path.join(dir, 'content')}.`);
    return 0;
  },
  {
    usage: (args) =>
      args[0]
        ? null
        : 'Usage: npm run export -- <directory>   (writes <directory>/content/posts/*.md and pages)',
  },
);
