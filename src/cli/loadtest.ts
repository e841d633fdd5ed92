import { runMeasuringCli } from '../bench/measure-cli.js';
import { parseLoadtestArgs } from '../bench/loadtest-options.js';
import { runLoadtest } from '../bench/loadtest-run.js';

/**
 * npm run loadtest [-- --duration S --connections C --posts N]. Exit 0 when every target is met,
 * 1 when one is not or the run failed, 2 on bad usage.
 */
runMeasuringCli('Load test', parseLoadtestArgs, runLoadtest);
