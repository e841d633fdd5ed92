/** `npm run bench:hostile` arguments. */
import { DEFAULT_PATHS, PATH_NAMES, type PathName } from './paths.js';

export interface HostileOptions {
  /** Input sizes in KB (1,024 characters), ascending. */
  sizes: number[];
  /** Inputs whose name contains one of these; all when empty. */
  only: string[];
  paths: PathName[];
  /** One call slower than this stops the input growing on that path, and flags it. */
  capMs: number;
  /** A worker silent this long is stopped, and the input flagged. */
  timeoutMs: number;
  json: string | null;
}

export const USAGE = `npm run bench:hostile [-- --sizes 25,50,100,200 --only name,… --paths ${PATH_NAMES.join(',')}
                        --cap-ms 3000 --timeout-ms 20000 --json results.json]`;

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** The options, or a message saying what is wrong. */
export function parseHostileArgs(argv: string[]): HostileOptions | { error: string } {
  const options: HostileOptions = {
    sizes: [25, 50, 100, 200],
    only: [],
    paths: [...DEFAULT_PATHS],
    capMs: 3000,
    timeoutMs: 20_000,
    json: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) return { error: `${flag} needs a value` };
    if (flag === '--sizes') options.sizes = list(value).map(Number).sort((a, b) => a - b);
    else if (flag === '--only') options.only = list(value);
    else if (flag === '--paths') options.paths = list(value) as PathName[];
    else if (flag === '--cap-ms') options.capMs = Number(value);
    else if (flag === '--timeout-ms') options.timeoutMs = Number(value);
    else if (flag === '--json') options.json = value;
    else return { error: `unknown option ${flag}` };
  }
  if (options.sizes.length === 0 || options.sizes.some((s) => !(s > 0))) return { error: '--sizes takes positive KB' };
  const unknown = options.paths.find((p) => !PATH_NAMES.includes(p));
  if (unknown !== undefined) return { error: `unknown path ${unknown}` };
  if (!(options.capMs > 0) || !(options.timeoutMs > options.capMs))
    return { error: '--cap-ms must be positive and below --timeout-ms' };
  return options;
}
