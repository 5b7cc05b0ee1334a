/**
 * A logged-in citizen's applications (ADR 0049).
 *
 * `owner_hash` on drafts and submissions: the identity the draft or submission belongs to, as a
 * keyed hash (HMAC under a key derived from the master key) of the tenant, the identity provider
 * and the provider's subject; null for what an anonymous citizen began. Never the subject itself:
 * a copy of the database alone cannot even tell whether a known subject applied.
 *
 * `prefill_enc` on drafts: the values the identity provider vouched for that prefilled the draft's
 * fields, by field key (ciphertext under the tenant's data key, bound to the row). On submissions:
 * the marks the caseworker sees, per prefilled field whether the citizen kept or changed the
 * vouched value (with the vouched value), also ciphertext.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('drafts').addColumn('owner_hash', 'text').execute();
  await db.schema.alterTable('drafts').addColumn('prefill_enc', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('owner_hash', 'text').execute();
  await db.schema.alterTable('submissions').addColumn('prefill_enc', 'text').execute();
  await db.schema.createIndex('drafts_owner_idx').on('drafts').columns(['tenant_id', 'owner_hash']).execute();
  await db.schema
    .createIndex('submissions_owner_idx')
    .on('submissions')
    .columns(['tenant_id', 'owner_hash'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropIndex('submissions_owner_idx').execute();
  await db.schema.dropIndex('drafts_owner_idx').execute();
  await db.schema.alterTable('submissions').dropColumn('prefill_enc').execute();
  await db.schema.alterTable('submissions').dropColumn('owner_hash').execute();
  await db.schema.alterTable('drafts').dropColumn('prefill_enc').execute();
  await db.schema.alterTable('drafts').dropColumn('owner_hash').execute();
}
