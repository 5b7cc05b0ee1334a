/**
 * Operational configuration (ADR 0024): per-tenant and per-service settings of registered kinds,
 * outside the immutable definitions, changed without publishing a version.
 *
 * `service_id` is `''` for a tenant-wide setting rather than NULL: NULLs are distinct in unique keys
 * on both databases, and the primary key (tenant, service, kind) is what makes saving a portable
 * upsert. `value_json` holds the options that are not secret; `secrets_enc` the secret ones as
 * envelope ciphertext (tenant data key, AAD naming tenant, table, service and kind), never plain.
 * `updated_by` is the admin's account id (null when an operator changed it).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('operational_settings')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('secrets_enc', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('operational_settings_pkey', ['tenant_id', 'service_id', 'kind'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('operational_settings').execute();
}
