#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary.
//
// The Prisma CLI runs a native schema engine for every command and downloads it on first use,
// which cannot work without internet access. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY
// here instead. This script speaks the native engine's protocol (newline-delimited JSON-RPC 2.0
// on stdin/stdout, JSON log lines on stderr, plus `cli <command>` and `--version`) but runs the
// WebAssembly build of the engine (@prisma/schema-engine-wasm) on SQLite through better-sqlite3.
// Where that pairing behaves differently from the native engine, the fix is marked "GAP".
// It handles SQLite `file:` URLs only and never touches the network.
/* global WebAssembly */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import * as wasmEngine from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

// Prisma Migrate's history table, with the native SQLite connector's exact DDL.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;
// Methods that read the history table (applyMigrations copes without one, and rightly refuses a
// non-empty database that has none: see "baselining" in Prisma's docs), and which of them only read.
const HISTORY_METHODS = [
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'markMigrationApplied',
  'markMigrationRolledBack',
];
const READ_ONLY_METHODS = ['devDiagnostic', 'diagnoseMigrationHistory'];

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, cliCommand: null, version: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--datamodels') args.datamodels.push(argv[++i]);
    else if (argv[i] === '--datasource') args.datasource = JSON.parse(argv[++i]);
    else if (argv[i] === '--version' || argv[i] === '-V') args.version = true;
    else if (argv[i] === 'cli') args.cliCommand = argv[++i];
    else if (argv[i].startsWith('--')) i++; // --enabled-preview-features, --extension-types: unused
  }
  return args;
}

const engineError = (code, message) => Object.assign(new Error(message), { code });

// `file:./data/blog.db` → absolute path. Relative paths resolve against the current directory:
// the CLI starts the engine in the project root, where the app resolves the same URL from.
function sqlitePath(url) {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (url?.startsWith('file://')) return fileURLToPath(url.split('?')[0]);
  if (!url?.startsWith('file:'))
    throw engineError('P1013', 'Only SQLite `file:` URLs are supported (offline shim).');
  return path.resolve(url.slice('file:'.length).split('?')[0]);
}

/** Runs fn on a short-lived connection; creates the database, and its directory, when missing. */
function withDatabase(file, fn = () => {}) {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const hasMigrationsTable = (db) =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() !==
  undefined;
function createMigrationsTable(db) {
  if (hasMigrationsTable(db)) return false;
  db.exec(MIGRATIONS_TABLE_DDL);
  return true;
}
function dropEmptyMigrationsTable(db) {
  if (hasMigrationsTable(db) && !db.prepare('SELECT 1 FROM _prisma_migrations').get()) {
    db.exec('DROP TABLE _prisma_migrations');
  }
}

// GAP: `reset` on this engine only deletes rows; the native engine empties the whole database.
function resetDatabase(db) {
  db.pragma('foreign_keys = OFF');
  const objects = (where) =>
    db.prepare(`SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND ${where}`).all();
  const drop = ({ type, name }) =>
    db.exec(`DROP ${type.toUpperCase()} IF EXISTS "${name.replaceAll('"', '""')}"`);
  objects(`sql LIKE 'CREATE VIRTUAL TABLE%'`).forEach(drop); // also drops their shadow tables
  objects(`type IN ('view', 'table')`).forEach(drop);
  db.exec('VACUUM');
}

// `schema-engine cli <command>`: exit code 0 on success, else 1 with an ERROR line on stderr that
// carries the error code. (The CLI ignores the first stderr line, hence the leading INFO line.)
function runCliCommand(command, datasource) {
  const log = (level, fields) =>
    process.stderr.write(JSON.stringify({ level, target: 'schema_engine::logger', fields }) + '\n');
  log('INFO', { message: `cli ${command}` });
  try {
    const file = sqlitePath(datasource.url);
    const exists = file === ':memory:' || fs.existsSync(file);
    const name = path.basename(file);
    if (command === 'can-connect-to-database') {
      if (!exists) throw engineError('P1003', `Database \`${name}\` does not exist at \`${file}\``);
      withDatabase(file);
    } else if (command === 'create-database') {
      if (exists) throw engineError('P1009', `Database \`${name}\` already exists`);
      withDatabase(file);
    } else if (command === 'drop-database') {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    } else {
      throw engineError('P1000', `Unsupported command: cli ${command}`);
    }
    return 0;
  } catch (error) {
    log('ERROR', { error_code: error.code ?? 'P1000', message: error.message });
    return 1;
  }
}

// The engine's JS glue imports its .wasm file as an ES module, which Node cannot do without a
// flag, so instantiate it here. Panic messages arrive through PRISMA_WASM_PANIC_REGISTRY.
let lastPanic = null;
async function loadWasm() {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };
  const glue = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = fs.readFileSync(new URL('schema_engine_bg.wasm', glue));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': wasmEngine });
  wasmEngine.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
}

// GAP: the engine sends whole migration scripts through `executeRaw`, but better-sqlite3 prepares
// one statement at a time; multi-statement SQL without parameters goes to `executeScript` instead.
function withScripts(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !/more than one statement/.test(error?.message)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return adapter;
}

// The driver adapter for one engine instance; its connections are collected so that they can be
// closed with the engine (applying migrations leaves one in EXCLUSIVE locking mode).
function adapterFactory(datasource, connections) {
  const file = sqlitePath(datasource.url);
  withDatabase(file);
  const shadow = datasource.shadowDatabaseUrl ? sqlitePath(datasource.shadowDatabaseUrl) : ':memory:';
  const inner = new PrismaBetterSqlite3({ url: file }, { shadowDatabaseUrl: shadow });
  const track = (adapter) => (connections.push(adapter), withScripts(adapter));
  return bindMigrationAwareSqlAdapterFactory({
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => track(await inner.connect()),
    connectToShadowDb: async () => track(await inner.connectToShadowDb()),
  });
}

async function serve({ datamodels: schemaFiles, datasource }) {
  await loadWasm();
  const datamodels = schemaFiles.map((file) => [file, fs.readFileSync(file, 'utf8')]);
  // `migrate diff` passes no schema, but the engine needs one to choose its connector.
  if (datamodels.length === 0)
    datamodels.push(['schema.prisma', 'datasource db {\n  provider = "sqlite"\n}\n']);
  const dbFile = sqlitePath(datasource.url);
  const send = (message) => process.stdout.write(JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n');
  const log = (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n');

  // GAP: after applyMigrations the engine has lost its shadow database (a later call fails with
  // "SQLite shadow DB must be provided through an external factory"), so the next call gets a
  // fresh engine, primed with devDiagnostic on the same migrations.
  let engine = null;
  let primeWith = null;
  const connections = [];
  async function closeEngine() {
    engine?.free();
    engine = null;
    for (const connection of connections.splice(0)) await connection.dispose().catch(() => {});
  }
  async function getEngine(method) {
    if (engine && !primeWith) return engine;
    const prime = primeWith;
    primeWith = null;
    await closeEngine();
    engine = await wasmEngine.SchemaEngine.new({ datamodels }, log, adapterFactory(datasource, connections));
    if (prime && method !== 'devDiagnostic') await engine.devDiagnostic(prime).catch(() => {});
    return engine;
  }

  // Requests from the engine to the CLI (only `print`), resolved by the CLI's response.
  const printing = new Map();
  let printed = 0;
  const print = (content) =>
    new Promise((resolve) => {
      const id = ++printed;
      printing.set(id, resolve);
      send({ id, method: 'print', params: { content } });
    });

  async function call(method, params) {
    if (method === 'reset') {
      await closeEngine(); // releases its locks; the next call starts a fresh engine
      withDatabase(dbFile, resetDatabase);
      return {};
    }
    const current = await getEngine(method);
    // GAP: where the native engine reports `hasMigrationsTable: false`, this one fails with P1014.
    // Create the table for the call, and drop it again after the read-only ones, so that for
    // example `migrate status` leaves an unmanaged database as it found it.
    const created = HISTORY_METHODS.includes(method) && withDatabase(dbFile, createMigrationsTable);
    try {
      switch (method) {
        case 'getDatabaseVersion':
          return await current.version(params);
        case 'diagnoseMigrationHistory':
          return {
            ...(await current.diagnoseMigrationHistory(params)),
            ...(created && { hasMigrationsTable: false }),
          };
        case 'applyMigrations': {
          const result = await current.applyMigrations(params);
          primeWith = { migrationsList: params.migrationsList, filters: params.filters };
          return result;
        }
        case 'diff': {
          // GAP: the CLI expects the diff text as a `print` request, not in the result.
          const result = await current.diff(params);
          if (result.stdout) await print(result.stdout);
          return { ...result, stdout: null };
        }
        default:
          if (typeof current[method] !== 'function' || ['free', 'constructor'].includes(method)) {
            throw engineError('P1000', `Unknown schema engine method: ${method}`);
          }
          return await current[method](params);
      }
    } finally {
      if (created && READ_ONLY_METHODS.includes(method)) withDatabase(dbFile, dropEmptyMigrationsTable);
    }
  }

  let queue = Promise.resolve(); // one request at a time, in order
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (!message.method) {
      printing.get(message.id)?.();
      return;
    }
    queue = queue.then(async () => {
      try {
        send({ id: message.id, result: (await call(message.method, message.params)) ?? null });
      } catch (error) {
        const data = lastPanic
          ? { is_panic: true, message: lastPanic, backtrace: error?.stack }
          : {
              is_panic: false,
              message: error?.message ?? String(error),
              error_code: error?.code,
              meta: error?.meta,
            };
        lastPanic = null;
        send({
          id: message.id,
          error: { code: 4466, message: 'An error happened. Check the data field for details.', data },
        });
      }
    });
  });
  // The CLI ends stdin and kills the engine right away. Close the connections first (better-sqlite3
  // closes synchronously) so that SQLite cleans up after itself, leaving no journal file behind.
  const exit = () => {
    for (const connection of connections) connection.dispose();
    process.exit(0);
  };
  lines.on('close', () => queue.then(exit));
  process.on('SIGTERM', exit);
}

// An engine panic can surface as an uncaught exception. Like the native engine, log it as an
// ERROR line and exit with code 101, which the CLI reports as a schema engine panic.
process.on('uncaughtException', (error) => {
  const fields = { message: lastPanic ?? String(error?.message ?? error), backtrace: String(error?.stack) };
  process.stderr.write(JSON.stringify({ level: 'ERROR', target: 'schema_engine', fields }) + '\n');
  process.exit(101);
});

const args = parseArgs(process.argv.slice(2));
if (args.version) {
  await loadWasm();
  console.log(`schema-engine-cli ${wasmEngine.version()}`);
} else if (args.cliCommand) {
  process.exitCode = runCliCommand(args.cliCommand, args.datasource);
} else {
  await serve(args);
}
