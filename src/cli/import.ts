import { importHugoSite } from '../import/import-site.js';
import { savePost, savePosts } from '../models/posts.js';
import { dirArgument, isDirectory, runCli } from './run.js';

/** npm run import -- <dir>. Exit 0 when every file was understood, 1 when some were skipped, 2 on bad usage. */
runCli(
  async ({ db, args }) => {
    const dir = dirArgument(args[0]!);
    if (!isDirectory(dir)) {
      console.error(`No such directory: ${dir}`);
      return 1;
    }
    const now = new Date();
    const log = (line: string) => console.log(line);
    const report = await importHugoSite(dir, {
      savePost: (input) => savePost(db, input, now),
      saveBatch: (inputs) => savePosts(db, inputs, now),
      log,
      now,
    });
    return report.failed > 0 ? 1 : 0;
  },
  { usage: (args) => (args[0] ? null : 'Usage: npm run import -- <hugo site directory>') },
);
