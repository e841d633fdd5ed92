import { importSampleContent, sampleContentDir } from '../import/sample-content.js';
import { runCli } from './run.js';

/** npm run seed: imports the sample content (prisma/sample-content); re-running updates it in place. */
runCli(async ({ db, env }) => {
  console.log(`Seeding ${env.DATABASE_URL} from ${sampleContentDir}`);
  const report = await importSampleContent(db, (line) => console.log(line));
  return report.failed > 0 ? 1 : 0;
});
