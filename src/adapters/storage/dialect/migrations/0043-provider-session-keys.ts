/**
 * The identity provider's session behind a citizen login (ADR 0050, single logout): when the
 * provider asks to end a person's session (a SAML LogoutRequest, installation-wide, naming no
 * municipality), every login that came from it is found by these keyed hashes (HMAC under a key
 * derived from the master key) and ended. `idp_subject_hash` names the person at the provider
 * (NameID), `idp_session_hash` the provider's session of them (NameID and SessionIndex); null for
 * logins from providers without single logout. Never the NameID itself.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('citizen_logins').addColumn('idp_subject_hash', 'text').execute();
  await db.schema.alterTable('citizen_logins').addColumn('idp_session_hash', 'text').execute();
  await db.schema
    .createIndex('citizen_logins_idp_subject_idx')
    .on('citizen_logins')
    .column('idp_subject_hash')
    .execute();
  await db.schema
    .createIndex('citizen_logins_idp_session_idx')
    .on('citizen_logins')
    .column('idp_session_hash')
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropIndex('citizen_logins_idp_session_idx').execute();
  await db.schema.dropIndex('citizen_logins_idp_subject_idx').execute();
  await db.schema.alterTable('citizen_logins').dropColumn('idp_session_hash').execute();
  await db.schema.alterTable('citizen_logins').dropColumn('idp_subject_hash').execute();
}
