/**
 * Sealed receipts (ADR 0032).
 *
 * `seal_certificates` holds each tenant's certificate for sealing receipts: the PKCS#12 and its
 * passphrase as one encrypted JSON (`secret_enc`, tenant data key, bound to the row); `demo` marks a
 * generated self-signed one (0/1).
 *
 * `receipts` holds the sealed PDF of a submission as issued once (`pdf_enc`, encrypted like an
 * attachment's bytes), so every later download gets the same bytes. One per submission: the primary
 * key decides which of two racing first downloads is kept.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('seal_certificates')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('demo', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('receipts')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('pdf_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('receipts_pkey', ['tenant_id', 'submission_id'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('receipts').execute();
  await db.schema.dropTable('seal_certificates').execute();
}
