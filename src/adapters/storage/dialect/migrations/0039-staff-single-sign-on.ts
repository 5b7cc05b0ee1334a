/**
 * Staff single sign-on per municipality (ADR 0056).
 *
 * `staff_accounts.sso_issuer` and `sso_subject`: the identity at the municipality's OpenID provider
 * an account is linked to. The subject is stored as a keyed pseudonym of issuer and `sub` (it is
 * only ever looked up, never shown), unique per municipality; local accounts have neither.
 *
 * `staff_sso_requests`: a staff login sent to the provider and not yet come back, found by the hash
 * of its `state`, bound to the browser session that began it. The nonce and the PKCE code verifier
 * are ciphertext under the municipality's data key; rows live for minutes.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('staff_accounts').addColumn('sso_issuer', 'text').execute();
  await db.schema.alterTable('staff_accounts').addColumn('sso_subject', 'text').execute();
  await db.schema
    .createIndex('staff_accounts_sso_idx')
    .on('staff_accounts')
    .columns(['tenant_id', 'sso_issuer', 'sso_subject'])
    .unique()
    .execute();

  await db.schema
    .createTable('staff_sso_requests')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('secrets_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_sso_requests_expiry_idx')
    .on('staff_sso_requests')
    .column('expires_at')
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('staff_sso_requests').execute();
  await db.schema.dropIndex('staff_accounts_sso_idx').execute();
  await db.schema.alterTable('staff_accounts').dropColumn('sso_subject').execute();
  await db.schema.alterTable('staff_accounts').dropColumn('sso_issuer').execute();
}
