import { UsageError } from './options.js';
import { installCleanup } from './processes.js';

/**
 * The frame of a measuring command (bench, loadtest): read the options, run, exit 0 when every
 * target is met, 1 when one is not or the run failed, 2 on bad usage. The processes and the
 * temporary data it started are removed on every way out, Ctrl+C included.
 */
export function runMeasuringCli<T>(
  name: string,
  parse: (argv: string[]) => T,
  run: (opts: T) => Promise<boolean>,
): void {
  const main = async (): Promise<number> => {
    let opts: T;
    try {
      opts = parse(process.argv.slice(2));
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(err.message);
        return 2;
      }
      throw err;
    }
    installCleanup();
    return (await run(opts)) ? 0 : 1;
  };
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? `${name} failed: ${err.message}` : err);
      process.exit(1);
    },
  );
}
