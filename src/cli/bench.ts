import { parseBenchArgs, UsageError } from '../bench/options.js';
import { installCleanup } from '../bench/processes.js';
import { runBench } from '../bench/run-bench.js';

/**
 * npm run bench [-- --posts N --duration S --connections C]. Exit 0 when every target is met,
 * 1 when one is not or the bench failed, 2 on bad usage. The servers and the temporary data are
 * removed on every way out, Ctrl+C included.
 */
async function main(): Promise<number> {
  let opts;
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  installCleanup();
  return (await runBench(opts)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? `Bench failed: ${err.message}` : err);
    process.exit(1);
  },
);
