/**
 * Replay protection for identity providers' answers that carry an id of their own (SAML assertion
 * ids; ADR 0050).
 *
 * `identity_answer_ids`: an answer's id per provider, kept until the answer would have expired
 * anyway (its `NotOnOrAfter` plus the accepted clock skew). The primary key makes "seen before" one
 * atomic insert, so it holds across every app instance that shares the database. An assertion id
 * is the provider's random token, no personal data.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('identity_answer_ids')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('answer_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_answer_ids_pkey', ['provider', 'answer_id'])
    .execute();
  await db.schema
    .createIndex('identity_answer_ids_expiry_idx')
    .on('identity_answer_ids')
    .column('expires_at')
    .execute();
}
