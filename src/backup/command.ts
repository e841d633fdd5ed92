import { EnvError, loadDotEnv, parseEnv, type Env } from '../env.js';

/**
 * The frame of `npm run backup` and `npm run restore`: like src/cli/run.ts's runCli, but it
 * neither migrates nor opens Prisma — a backup must copy the database as it is, and a restore
 * replaces the file. Usage errors exit 2, failures print their message and exit 1.
 */
export function runCommand(
  main: (ctx: { env: Env; args: string[] }) => Promise<number>,
  usage: (args: string[]) => string | null,
): void {
  const args = process.argv.slice(2);
  const run = async (): Promise<number> => {
    const problem = usage(args);
    if (problem) {
      console.error(problem);
      return 2;
    }
    loadDotEnv();
    return main({ env: parseEnv(), args });
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
