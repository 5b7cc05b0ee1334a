/**
 * Runs pending migrations. Safe to call from several processes at once (each app instance migrates
 * on start):
 * - PostgreSQL: Kysely's migrator runs in one transaction holding an advisory lock.
 * - SQLite: Kysely assumes a single connection and takes no lock, and it would run DDL outside a
 *   transaction. We therefore run the migrator on one connection inside `BEGIN IMMEDIATE`: the write
 *   lock is taken up front (other processes wait through `busy_timeout`), and a failed migration
 *   rolls back completely, because SQLite's DDL is transactional.
 */
import { type Kysely, type MigrationResult, Migrator, PostgresAdapter, sql } from 'kysely';
import { ConfigError, StorageError } from '../../../core/errors.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { DB, Dialect } from './schema.ts';

const provider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Applies all pending migrations; returns the names of those it applied (empty when up to date). */
export async function migrate(db: Kysely<DB>, dialect: Dialect = dialectOf(db)): Promise<string[]> {
  return dialect === 'sqlite' ? migrateSqlite(db) : migratePostgres(db);
}

/** Tells the dialect from a Kysely instance, for callers that only hold `db`. */
export function dialectOf(db: Kysely<DB>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

async function migratePostgres(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) {
    throw new ConfigError('ERR_DATABASE_SCHEMA_MISSING', 'no schema in search_path exists; create it first');
  }
  // Naming the schema matters: Kysely's "does the migration table exist" check looks at every
  // schema, so without it a migration table in another schema would be taken for ours.
  const migrator = new Migrator({ db, provider, migrationTableSchema: schema });
  return applied(await migrator.migrateToLatest());
}

async function migrateSqlite(db: Kysely<DB>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const migrator = new Migrator({ db: conn, provider, disableTransactions: true });
      const names = applied(await migrator.migrateToLatest());
      await sql`commit`.execute(conn);
      return names;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

function applied(result: { error?: unknown; results?: MigrationResult[] }): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new StorageError(
      'ERR_MIGRATION_FAILED',
      `migration ${failed ?? '(setup)'} failed: ${String(result.error)}`,
      { cause: result.error },
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
