/**
 * Staff roles and uploaded definitions (ADR 0016).
 *
 * `staff_accounts.roles`: the account's roles as a space-separated list (`caseworker designer`),
 * plain text so it is the same on SQLite and PostgreSQL. Existing accounts were all caseworkers,
 * so the default keeps them exactly what they were.
 *
 * `service_candidates`: definitions a designer uploaded that passed every check but are not
 * published yet. Per tenant like every table; `published_version_id` is set when published.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .alterTable('staff_accounts')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('caseworker'))
    .execute();

  await db.schema
    .createTable('service_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('warnings_json', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('staff_accounts.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('published_version_id', 'text', (c) => c.references('service_versions.id'))
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createIndex('service_candidates_tenant_idx')
    .on('service_candidates')
    .columns(['tenant_id', 'uploaded_at'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('service_candidates').execute();
  await db.schema.alterTable('staff_accounts').dropColumn('roles').execute();
}
