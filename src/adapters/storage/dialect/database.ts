/**
 * Opens the database: SQLite (one file, for small municipalities and the demo) or PostgreSQL
 * (several app instances). Everything above this file is dialect-agnostic Kysely.
 */
import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import pg from 'pg';
import { ConfigError } from '../../../core/errors.ts';
import { createSqliteWriter, type SqliteWriter } from '../write-path/sqlite-writer.ts';
import { CurrentSchemaPostgresDialect } from './postgres-introspector.ts';
import type { DB, Dialect } from './schema.ts';
import { ImmediateSqliteDialect } from './sqlite-immediate-dialect.ts';

export interface DatabaseConfig {
  /**
   * `postgres://…` or `postgresql://…`. A `schema` query parameter (`?schema=amtsweg`) selects the
   * schema: it is removed from the URL and becomes the `search_path` of every connection.
   */
  databaseUrl?: string | undefined;
  /** Path of the SQLite file; used when `databaseUrl` is not set. */
  sqlitePath?: string | undefined;
  /** PostgreSQL schema; overrides `?schema=` in the URL. The schema must exist. */
  schema?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number | undefined;
}

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The PostgreSQL schema in `search_path`, if one was configured. */
  schema: string | undefined;
  /**
   * SQLite on a file: the writer thread that runs write programs off the main thread (see
   * `sqlite-writer.ts`). Undefined on PostgreSQL, whose driver is asynchronous anyway.
   */
  writer: SqliteWriter | undefined;
  destroy(): Promise<void>;
}

/** Lower-case SQL identifiers only, so the name needs no quoting in `search_path`. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function openDatabase(config: DatabaseConfig): Database {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config);
  if (config.sqlitePath) return openSqlite(config.sqlitePath);
  throw new ConfigError('ERR_DATABASE_MISSING', 'set a PostgreSQL database URL or a SQLite file path');
}

function openSqlite(path: string): Database {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (error) {
    throw new ConfigError('ERR_DATABASE_UNAVAILABLE', `cannot open SQLite file ${path}: ${String(error)}`, {
      cause: error,
    });
  }
  // busy_timeout first: switching to WAL needs a lock another process may hold right now.
  sqlite.pragma('busy_timeout = 5000');
  // WAL lets readers run beside the one writer; FULL syncs the WAL on every commit, so an
  // acknowledged submission survives a power cut (NORMAL could lose the last commits).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Drafts of 30 days and the inbox outgrow SQLite's default 2 MiB page cache quickly; every miss
  // is then a read() system call. A larger cache and memory-mapped reads keep lookups in memory.
  sqlite.pragma(`cache_size = -${64 * 1024}`);
  sqlite.pragma(`mmap_size = ${256 * 1024 * 1024}`);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: cacheStatements(sqlite) }) });
  // An in-memory database is private to its connection; a second one could not see it.
  const writer = path === ':memory:' ? undefined : createSqliteWriter(path);
  return {
    db,
    dialect: 'sqlite',
    schema: undefined,
    writer,
    async destroy() {
      await writer?.close();
      await db.destroy();
    },
  };
}

/** Prepared statements kept per connection; query shapes are few, so this is nearly always a hit. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver calls `prepare()` for every query. Preparing costs about as much as running
 * a small statement, so we reuse statements by SQL text (parameters are bound per call). Safe because
 * Kysely runs one query at a time per connection, so a cached statement is never busy; SQLite
 * re-prepares a statement by itself after a schema change.
 */
function cacheStatements(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      // Re-insert to keep the map in least-recently-used order.
      cache.delete(source);
    } else {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
  return sqlite;
}

function openPostgres(databaseUrl: string, config: DatabaseConfig): Database {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new ConfigError('ERR_DATABASE_URL_MALFORMED', 'the database URL is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('ERR_DATABASE_URL_MALFORMED', `unsupported database URL scheme ${url.protocol}`);
  }
  const schema = config.schema ?? url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ConfigError('ERR_DATABASE_SCHEMA_MALFORMED', `schema name ${schema} must match ${SCHEMA_NAME}`);
  }
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: config.poolSize ?? 10,
    // A startup parameter rather than `SET` after connect: no extra round trip, and every pooled
    // connection has it before its first query.
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  const db = new Kysely<DB>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema, writer: undefined, destroy: () => db.destroy() };
}
