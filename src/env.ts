import { z } from 'zod';
import { LOG_LEVELS } from './log.js';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every variable Byline reads, with its default. `.env.example` mirrors this list. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'must be a SQLite URL such as file:./data/blog.db')
    .optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://example.com' })
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SAMPLE_CONTENT: booleanish.default(true),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).max(72).optional(),
  TRUST_PROXY: z.string().default('false'),
  UPLOAD_MAX_MB: z.coerce.number().positive('must be a positive number of megabytes').max(100).default(10),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type RawEnv = z.infer<typeof envSchema>;

export interface Env extends Omit<RawEnv, 'DATABASE_URL' | 'BASE_URL'> {
  DATABASE_URL: string;
  BASE_URL: string;
}

export class EnvError extends Error {}

/** Parses the environment; throws EnvError naming each bad variable. Empty strings count as unset. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const raw = result.data;
  if (raw.NODE_ENV === 'production' && !raw.SESSION_SECRET) {
    throw new EnvError('Invalid environment:\n  SESSION_SECRET: required when NODE_ENV=production');
  }
  const dataDir = raw.DATA_DIR.replace(/\/+$/, '');
  return {
    ...raw,
    DATA_DIR: dataDir,
    DATABASE_URL: raw.DATABASE_URL ?? `file:${dataDir}/blog.db`,
    BASE_URL: (raw.BASE_URL ?? `http://${raw.HOST}:${raw.PORT}`).replace(/\/+$/, ''),
  };
}

/** Reads `.env` from the working directory into process.env when there is one (set variables win). */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
