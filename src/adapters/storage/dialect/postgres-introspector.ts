/**
 * A PostgreSQL dialect whose introspection sees only the current schema.
 *
 * Kysely's migrator asks the introspector whether its tables exist. The stock PostgreSQL
 * introspector lists every table of every schema and calls `has_schema_privilege()` per row; when
 * another session drops a schema meanwhile (parallel test runs, or another tenant database being
 * removed), that query fails with "schema … does not exist" and the migration aborts. Reading
 * `pg_class` for `current_schema()` only is both correct for us (the app lives in one schema) and
 * immune to that race.
 */
import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  PostgresDialect,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';

export class CurrentSchemaPostgresDialect extends PostgresDialect {
  // biome-ignore lint/suspicious/noExplicitAny: the introspector works below the typed schema
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

class CurrentSchemaIntrospector implements DatabaseIntrospector {
  // biome-ignore lint/suspicious/noExplicitAny: see above
  readonly #db: Kysely<any>;

  // biome-ignore lint/suspicious/noExplicitAny: see above
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(
      this.#db,
    );
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ schema: string; name: string; kind: string }>`
      select n.nspname as schema, c.relname as name, c.relkind as kind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm')
      order by c.relname`.execute(this.#db);
    // Columns are not needed by the migrator; leaving them out keeps the query to one catalog scan.
    return rows.map((r) => ({
      schema: r.schema,
      name: r.name,
      isView: r.kind === 'v' || r.kind === 'm',
      columns: [],
    }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}
