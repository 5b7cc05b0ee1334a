/**
 * The initial schema. Only portable column types (text, integer) so the same code runs on SQLite and
 * PostgreSQL; timestamps are ISO-8601 UTC text. Every table carries `tenant_id`, so every query can
 * and must be scoped by tenant.
 */
import type { Kysely } from 'kysely';

// Migrations see the database as it was when they were written, not as `DB` describes it today.
// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name_de', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('ags', 'text')
    .addColumn('wrapped_data_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tenants_slug_key', ['slug'])
    .execute();

  await db.schema
    .createTable('staff_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_accounts_username_key', ['username'])
    .execute();
  await db.schema.createIndex('staff_accounts_tenant_idx').on('staff_accounts').column('tenant_id').execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('staff_accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_sessions_account_idx')
    .on('staff_sessions')
    .column('account_id')
    .execute();
  await db.schema
    .createIndex('staff_sessions_expires_idx')
    .on('staff_sessions')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('services_tenant_slug_key', ['tenant_id', 'slug'])
    .execute();

  await db.schema
    .createTable('service_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition_json', 'text', (c) => c.notNull())
    .addColumn('title_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_versions_service_version_key', ['service_id', 'version'])
    .execute();
  await db.schema
    .createIndex('service_versions_tenant_idx')
    .on('service_versions')
    .columns(['tenant_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('service_version_id', 'text', (c) => c.notNull().references('service_versions.id'))
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('submission_id', 'text')
    .addUniqueConstraint('drafts_tenant_service_session_key', ['tenant_id', 'service_id', 'session_hash'])
    .execute();
  await db.schema.createIndex('drafts_expires_idx').on('drafts').column('expires_at').execute();

  await db.schema
    .createTable('submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    // No foreign key to drafts: drafts expire and are deleted, the idempotency key must outlive them.
    .addColumn('draft_id', 'text', (c) => c.notNull())
    .addColumn('service_id', 'text', (c) => c.notNull().references('services.id'))
    .addColumn('service_version_id', 'text', (c) => c.notNull().references('service_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers_enc', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('submissions_reference_key', ['reference'])
    .addUniqueConstraint('submissions_draft_key', ['draft_id'])
    .execute();
  // The inbox: newest first per tenant (id breaks ties so paging is stable), and the filters.
  await db.schema
    .createIndex('submissions_inbox_idx')
    .on('submissions')
    .columns(['tenant_id', 'submitted_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('submissions_filter_idx')
    .on('submissions')
    .columns(['tenant_id', 'service_id', 'status'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('details_json', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_subject_idx')
    .on('audit_events')
    .columns(['tenant_id', 'subject_id'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  for (const table of [
    'audit_events',
    'submissions',
    'drafts',
    'service_versions',
    'services',
    'staff_sessions',
    'staff_accounts',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
