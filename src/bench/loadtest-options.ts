import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { rootDir } from '../paths.js';
import { UsageError } from './options.js';

export interface LoadtestOptions {
  /** Seconds of traffic. */
  duration: number;
  connections: number;
  /** Posts in the generated blog the readers read. */
  posts: number;
  /** Editor accounts signed in for the saves; connections share their sessions. */
  editors: number;
  /** Share of the actions that are saves and publishes (0–1). */
  writeShare: number;
  /** Where the figures are written as JSON. */
  out: string;
  keep: boolean;
  /** Send the hostile corpus's worst inputs beside the load (src/bench/loadtest-hostile.ts). */
  hostile: boolean;
}

export const DEFAULT_OUT = path.join(rootDir, 'bench', 'results', 'loadtest-latest.json');

export const LOADTEST_USAGE = `Usage: npm run loadtest [-- options]
  --duration S     seconds of traffic (default 60)
  --connections C  concurrent keep-alive connections (default 64)
  --posts N        posts in the generated blog (default 2000)
  --editors E      editor accounts signed in for the saves (default 4)
  --write-share F  share of the actions that are saves and publishes (default 0.05)
  --out FILE       where the JSON figures go (default bench/results/loadtest-latest.json)
  --keep           keep the temporary data folder
  --hostile        a contributor and visitors send the hostile corpus's worst inputs beside the load`;

const schema = z.object({
  duration: z.coerce.number().min(1, 'must be at least 1').max(3600).default(60),
  connections: z.coerce.number().int().min(1).max(1000).default(64),
  posts: z.coerce.number().int().min(30, 'must be at least 30').max(100_000).default(2000),
  editors: z.coerce.number().int().min(1).max(16).default(4),
  'write-share': z.coerce.number().min(0).max(1).default(0.05),
  out: z.string().min(1).default(DEFAULT_OUT),
  keep: z.boolean().default(false),
  hostile: z.boolean().default(false),
});

/** Reads the command line; throws UsageError naming the option, with the usage, on anything wrong. */
export function parseLoadtestArgs(argv: string[]): LoadtestOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        posts: { type: 'string' },
        editors: { type: 'string' },
        'write-share': { type: 'string' },
        out: { type: 'string' },
        keep: { type: 'boolean' },
        hostile: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${LOADTEST_USAGE}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`${lines.join('\n')}\n${LOADTEST_USAGE}`);
  }
  const { 'write-share': writeShare, out, ...rest } = parsed.data;
  return { ...rest, writeShare, out: path.resolve(out) };
}
