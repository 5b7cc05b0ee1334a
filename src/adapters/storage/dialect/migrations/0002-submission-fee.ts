/**
 * The fee a submission owes, in integer euro-cents, as computed by the definition's fee rule when it
 * was submitted. Not personal data by itself, so it stays in plain text (payment adapters and the
 * inbox read it); null for services without a fee.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('submissions').addColumn('fee_cents', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('submissions').dropColumn('fee_cents').execute();
}
