/**
 * Citizen identity (ADR 0036).
 *
 * `citizen_login_requests`: a login sent to an identity provider and not yet come back, found by
 * the hash of its `state` (the state itself is never stored). The nonce and the PKCE code verifier
 * are ciphertext under the tenant's data key; rows live for minutes.
 *
 * `citizen_logins`: a browser session's login at one municipality, by the hash of the session id
 * (as drafts are found). Provider and level stay readable (the caseworker's facts, no person in
 * them); the provider's subject, the attributes and the ID token are ciphertext under the tenant's
 * data key, bound to the row.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('citizen_login_requests')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('return_path', 'text', (c) => c.notNull())
    .addColumn('secrets_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('citizen_login_requests_expiry_idx')
    .on('citizen_login_requests')
    .column('expires_at')
    .execute();

  await db.schema
    .createTable('citizen_logins')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('session_hash', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('identity_enc', 'text', (c) => c.notNull())
    .addColumn('logged_in_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('citizen_logins_pkey', ['tenant_id', 'session_hash'])
    .execute();
  await db.schema
    .createIndex('citizen_logins_expiry_idx')
    .on('citizen_logins')
    .column('expires_at')
    .execute();
}
