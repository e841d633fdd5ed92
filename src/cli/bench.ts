import { runMeasuringCli } from '../bench/measure-cli.js';
import { parseBenchArgs } from '../bench/options.js';
import { runBench } from '../bench/run-bench.js';

/**
 * npm run bench [-- --posts N --duration S --connections C]. Exit 0 when every target is met,
 * 1 when one is not or the bench failed, 2 on bad usage.
 */
runMeasuringCli('Bench', parseBenchArgs, runBench);
