/**
 * Definitions being built in the visual editor (ADR 0033). Unlike an upload (`service_candidates`),
 * a draft changes in place; `version` counts its saves, and a save that names an older version is
 * refused (optimistic concurrency), so two designers never overwrite each other unnoticed.
 * `based_on_version_id` and `source_id` are plain text, not foreign keys: deleting a service
 * without submissions removes its versions, and a draft's note of where it came from must not stop
 * that (as for candidates, migration 0012).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('editor_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title_json', 'text', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('based_on_version_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('editor_drafts_tenant_updated')
    .on('editor_drafts')
    .columns(['tenant_id', 'updated_at'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('editor_drafts').execute();
}
