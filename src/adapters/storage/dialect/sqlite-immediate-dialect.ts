/**
 * Kysely's SQLite dialect, with transactions that start as `BEGIN IMMEDIATE`.
 *
 * SQLite on a file has two connections in one process: Kysely's on the main thread and the
 * writer thread's (`sqlite-writer.ts`). A deferred `BEGIN` takes its read snapshot at the first
 * read; if the other connection commits before this transaction's first write, SQLite cannot
 * upgrade the stale snapshot and fails at once with SQLITE_BUSY (busy_timeout does not help, since
 * waiting would not make the snapshot current). An IMMEDIATE transaction takes the write lock at
 * its start, waiting through busy_timeout, so its reads and writes see one current state.
 * Main-connection transactions are few and short (migrations, key rotation, settings), so holding
 * the write lock for their length costs little.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
