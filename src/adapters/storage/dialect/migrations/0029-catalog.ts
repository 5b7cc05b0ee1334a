/**
 * Versions with their history and the network catalog within one installation (ADR 0043, 0044).
 *
 * - `service_versions` keeps who published a version and the change message given at publishing
 *   (null for versions published before this migration and for the command line without one).
 * - `catalog_entries`: a published service a municipality offers to the other municipalities of
 *   the installation, one entry per service; `catalog_terms` are its search terms (every prefix of
 *   every word of its name, LeiKa key, topic, Land and provider), so a search is an indexed
 *   equality lookup on both databases instead of a scan with `LIKE '%…%'`.
 * - `catalog_comments`: what other municipalities say about an entry.
 * - `service_origins`: where a municipality's copied service came from (entry, origin and the
 *   origin's version copied or last merged: the base of the next merge), with licence and
 *   attribution as they were when copied.
 * Ids of other tables are plain text, not foreign keys (as for candidates, migration 0012): deleting
 * a service without submissions removes its versions, and a note of where a copy came from must
 * not stop that.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('service_versions').addColumn('published_by', 'text').execute();
  await db.schema.alterTable('service_versions').addColumn('change_message', 'text').execute();

  await db.schema
    .createTable('catalog_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title_json', 'text', (c) => c.notNull())
    .addColumn('leika', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('land', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('experience', 'text', (c) => c.notNull())
    .addColumn('offered_by', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_entries_tenant_service', ['tenant_id', 'service_id'])
    .execute();
  await db.schema
    .createIndex('catalog_entries_updated')
    .on('catalog_entries')
    .columns(['updated_at', 'id'])
    .execute();

  await db.schema
    .createTable('catalog_terms')
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id'))
    .addPrimaryKeyConstraint('catalog_terms_pk', ['term', 'entry_id'])
    .execute();
  await db.schema.createIndex('catalog_terms_entry').on('catalog_terms').column('entry_id').execute();

  await db.schema
    .createTable('catalog_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('catalog_entries.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_comments_entry')
    .on('catalog_comments')
    .columns(['entry_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('service_origins')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('origin_tenant_id', 'text', (c) => c.notNull())
    .addColumn('origin_service_id', 'text', (c) => c.notNull())
    .addColumn('base_version_id', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('copied_by', 'text', (c) => c.notNull())
    .addColumn('copied_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_origins_pk', ['tenant_id', 'slug'])
    .execute();
  await db.schema.createIndex('service_origins_entry').on('service_origins').column('entry_id').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('service_origins').execute();
  await db.schema.dropTable('catalog_comments').execute();
  await db.schema.dropTable('catalog_terms').execute();
  await db.schema.dropTable('catalog_entries').execute();
  await db.schema.alterTable('service_versions').dropColumn('change_message').execute();
  await db.schema.alterTable('service_versions').dropColumn('published_by').execute();
}
