// Prisma CLI configuration (Prisma 7).
//
// The CLI would download a native schema engine on first use; this project must work offline,
// so PRISMA_SCHEMA_ENGINE_BINARY points it at prisma/schema-engine.mjs, which runs Prisma's
// WebAssembly schema engine on SQLite instead (see that file).
//
// The database is chosen like the app does it (src/env.ts): DATABASE_URL, else
// file:<DATA_DIR>/blog.db, DATA_DIR defaulting to ./data, with `.env` read when present (set
// variables win). A relative `file:` URL is resolved against the current directory, the repo
// root for every npm script, both here (by the engine shim) and in the app. The shim creates
// the database's directory when it is missing.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

try {
  process.loadEnvFile('.env');
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(
  new URL('./prisma/schema-engine.mjs', import.meta.url),
);

const dataDir = (process.env.DATA_DIR || './data').replace(/\/+$/, '');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  // The FTS5 search table and its shadow tables are made by a migration, not by schema.prisma.
  experimental: { externalTables: true },
  tables: {
    external: [
      'post_search',
      'post_search_config',
      'post_search_content',
      'post_search_data',
      'post_search_docsize',
      'post_search_idx',
    ],
  },
  datasource: {
    url: process.env.DATABASE_URL || `file:${dataDir}/blog.db`,
  },
});
