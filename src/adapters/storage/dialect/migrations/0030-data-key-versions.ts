/**
 * Data key versions per tenant (ADR 0047).
 *
 * `tenants.wrapped_data_key` stays the tenant's newest data key, the one every new value is
 * encrypted with; `tenants.data_key_version` says which version it is (1 for every key so far,
 * matching the `1` every stored value names). `tenant_data_keys` holds the older versions while
 * `amtsweg keys rotate-tenant` re-encrypts the values that still name them; a row is deleted
 * (the key destroyed) once no value names its version. `superseded_at` is when the next version
 * became the newest: a rotation retires the old key only a while after it, so no instance still
 * writing with its cached old key is left behind.
 *
 * The indexes on `(tenant_id, id)` let a rotation walk one municipality's rows in key order, a
 * batch at a time, without sorting all of them for every batch.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('data_key_version', 'integer', (c) => c.notNull().defaultTo(sql`1`))
    .execute();
  await db.schema
    .createTable('tenant_data_keys')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tenant_data_keys_pkey', ['tenant_id', 'version'])
    .execute();
  for (const table of KEYED_BY_ID) {
    await db.schema.createIndex(`${table}_tenant_id_idx`).on(table).columns(['tenant_id', 'id']).execute();
  }
}

/** The tables with many rows per municipality, walked by id during a rotation. */
const KEYED_BY_ID = ['drafts', 'submissions', 'attachments', 'sent_mails'] as const;

export async function down(db: AnyDB): Promise<void> {
  for (const table of KEYED_BY_ID) await db.schema.dropIndex(`${table}_tenant_id_idx`).execute();
  await db.schema.dropTable('tenant_data_keys').execute();
  await db.schema.alterTable('tenants').dropColumn('data_key_version').execute();
}
