import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface BenchOptions {
  posts: number;
  /** Seconds measured per URL, after `warmup` seconds that are not. */
  duration: number;
  warmup: number;
  connections: number;
  /** `auto`: wrk when it is on PATH, else autocannon. */
  tool: 'auto' | 'autocannon' | 'wrk';
  /** Keep the temporary data folder (its path is printed) instead of removing it. */
  keep: boolean;
}

export const USAGE = `Usage: npm run bench [-- options]
  --posts N        posts in the generated blog (default 10000)
  --duration S     seconds measured per URL (default 10)
  --warmup S       seconds of load before each measurement, not counted (default 2)
  --connections C  concurrent connections (default 50)
  --tool T         autocannon, wrk or auto (default auto: wrk when on PATH)
  --keep           keep the temporary data folder`;

const schema = z.object({
  posts: z.coerce.number().int().min(30, 'must be at least 30').max(1_000_000).default(10_000),
  duration: z.coerce.number().positive().max(3600).default(10),
  warmup: z.coerce.number().min(0).max(600).default(2),
  connections: z.coerce.number().int().min(1).max(10_000).default(50),
  tool: z.enum(['auto', 'autocannon', 'wrk']).default('auto'),
  keep: z.boolean().default(false),
});

export class UsageError extends Error {}

/** Reads the command line; throws UsageError with the field and the usage on anything wrong. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        posts: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        tool: { type: 'string' },
        keep: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw new UsageError(`${lines.join('\n')}\n${USAGE}`);
  }
  return parsed.data;
}
