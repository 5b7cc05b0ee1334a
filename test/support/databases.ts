/**
 * The dialect matrix for storage tests (like Kysely's own `DIALECTS`): every storage test runs on a
 * fresh SQLite file and on a fresh PostgreSQL schema.
 *
 *   for (const d of DIALECTS) describe(d.name, () => { ... await d.open() ... })
 *
 * PostgreSQL: `TEST_DATABASE_URL` or `postgres://postgres@127.0.0.1:5432/test`. When it is not
 * reachable the tests fail with a message saying so: a silently skipped dialect would hide bugs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  type Database,
  type DatabaseConfig,
  openDatabase,
} from '../../src/adapters/storage/dialect/database.ts';
import { migrate } from '../../src/adapters/storage/dialect/migrate.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  name: 'sqlite' | 'postgres';
  /** Opens the same database again through its own connection (pool), like a second app instance. */
  config: DatabaseConfig;
  /** The SQLite file (with `-wal` and `-shm` beside it); undefined on PostgreSQL. */
  sqlitePath: string | undefined;
}

export interface OpenOptions {
  /** Run migrations before returning (default true). */
  migrate?: boolean;
}

export interface DialectUnderTest {
  name: 'sqlite' | 'postgres';
  open(options?: OpenOptions): Promise<TestDatabase>;
}

async function prepare(database: Database, options: OpenOptions): Promise<void> {
  if (options.migrate !== false) await migrate(database.db, database.dialect);
}

const sqlite: DialectUnderTest = {
  name: 'sqlite',
  async open(options = {}) {
    // A real file, not :memory:: WAL, the -wal/-shm files and cross-connection locking are under test.
    const dir = mkdtempSync(join(tmpdir(), 'amtsweg-test-'));
    // The name `amtsweg` commands give the file in their AMTSWEG_DATA_DIR, so that a command run
    // as its own process (`keys rotate-tenant`) can work on the test's database.
    const sqlitePath = join(dir, 'amtsweg.sqlite');
    const config = { sqlitePath };
    const database = openDatabase(config);
    await prepare(database, options);
    return {
      ...database,
      name: 'sqlite',
      config,
      sqlitePath,
      async destroy() {
        await database.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: DialectUnderTest = {
  name: 'postgres',
  async open(options = {}) {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `PostgreSQL is unreachable at ${TEST_DATABASE_URL} (${(error as Error).message}). Storage tests run on ` +
          'both dialects and do not skip one: start PostgreSQL or set TEST_DATABASE_URL.',
        { cause: error },
      );
    }
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`create schema ${schema}`);
    const config = { databaseUrl: TEST_DATABASE_URL, schema, poolSize: 5 };
    const database = openDatabase(config);
    try {
      await prepare(database, options);
    } catch (error) {
      await database.destroy();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
      throw error;
    }
    return {
      ...database,
      name: 'postgres',
      config,
      sqlitePath: undefined,
      async destroy() {
        await database.destroy();
        await admin.query(`drop schema if exists ${schema} cascade`);
        await admin.end();
      },
    };
  },
};

export const DIALECTS: readonly DialectUnderTest[] = [sqlite, postgres];
