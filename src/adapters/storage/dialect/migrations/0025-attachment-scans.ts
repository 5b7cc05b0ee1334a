/**
 * Whether a malware scanner checked a file before it was accepted (ADR 0038): `scan_status`
 * `clean` (with `scanned_at`) or `not-scanned` (no scanner configured). Files stored before are
 * `not-scanned`: nothing checked them. Not personal data, so plain, for the caseworker's list.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('scan_status', 'text', (c) => c.notNull().defaultTo('not-scanned'))
    .execute();
  await db.schema.alterTable('attachments').addColumn('scanned_at', 'text').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('scanned_at').execute();
  await db.schema.alterTable('attachments').dropColumn('scan_status').execute();
}
