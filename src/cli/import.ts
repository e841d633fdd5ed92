import { readHugoConfig } from '../import/hugo-config.js';
import { createImageImporter, imagesHook } from '../import/images.js';
import { importHugoSite, reportTable } from '../import/import-site.js';
import { savePost, savePosts } from '../models/posts.js';
import { dirArgument, isDirectory, runCli } from './run.js';

/**
 * npm run import -- <dir>. Ends with the import report's table. Exit 0 when every file was
 * understood, 1 when some were skipped because they failed or a path was refused for leading
 * outside the site folder (each named above with its file and line), 2 on bad usage.
 */
runCli(
  async ({ db, env, args }) => {
    const dir = dirArgument(args[0]!);
    if (!isDirectory(dir)) {
      console.error(`No such directory: ${dir}`);
      return 1;
    }
    const now = new Date();
    const log = (line: string) => console.log(line);
    // Images beside a bundle, in static/ (then assets/) and covers go to the media store; the
    // report lists the ones left as written, so they are not logged twice.
    const config = await readHugoConfig(dir);
    const images = createImageImporter({
      db,
      dataDir: env.DATA_DIR,
      siteDir: dir,
      staticDirs: [...config.staticDirs, 'assets'],
      baseUrl: config.baseURL ?? undefined,
      maxBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
    });
    const report = await importHugoSite(dir, {
      savePost: (input, options) => savePost(db, input, now, options),
      saveBatch: (inputs, options) => savePosts(db, inputs, now, options),
      images: imagesHook(images),
      log,
      now,
    });
    for (const line of reportTable(report)) log(line);
    return report.failed > 0 ? 1 : 0;
  },
  { usage: (args) => (args[0] ? null : 'Usage: npm run import -- <hugo site directory>') },
);
