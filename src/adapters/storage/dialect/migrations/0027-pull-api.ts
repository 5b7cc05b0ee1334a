/**
 * The pull API for specialist systems (ADR 0041).
 *
 * `api_keys`: a municipality's keys for its specialist systems (Fachverfahren), optionally
 * restricted to one service. Only a keyed hash of each key is stored (`key_hash`, HMAC-SHA256
 * under a key derived from the master key; unique, so a presented key is found by its hash);
 * `prefix` is the key's first characters, shown so an admin can tell keys apart. A revoked key
 * stays (`revoked_at`) so that audit entries keep naming it.
 *
 * `submissions.acknowledged_at` / `acknowledged_by`: when a specialist system confirmed that it
 * took the submission over, and with which key. Columns of the submission rather than a table of
 * their own, so that whatever deletes a submission deletes its acknowledgement with it. "New" for
 * the API is "not acknowledged"; the index serves that list per municipality, oldest first.
 *
 * `delivery_digests`: which municipality got its daily e-mail about delivery problems for which
 * day (Berlin). The primary key is the claim: of several workers, the one whose insert succeeds
 * sends that day's digest.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('service_id', 'text', (c) => c.references('services.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema
    .createIndex('api_keys_tenant_idx')
    .on('api_keys')
    .columns(['tenant_id', 'created_at'])
    .execute();

  await db.schema.alterTable('submissions').addColumn('acknowledged_at', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('acknowledged_by', 'text').execute();
  await db.schema
    .createIndex('submissions_pull_idx')
    .on('submissions')
    .columns(['tenant_id', 'acknowledged_at', 'submitted_at', 'id'])
    .execute();

  await db.schema
    .createTable('delivery_digests')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_digests_pkey', ['tenant_id', 'day'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('delivery_digests').execute();
  await db.schema.dropIndex('submissions_pull_idx').execute();
  await db.schema.alterTable('submissions').dropColumn('acknowledged_by').execute();
  await db.schema.alterTable('submissions').dropColumn('acknowledged_at').execute();
  await db.schema.dropTable('api_keys').execute();
}
