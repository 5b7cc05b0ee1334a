/**
 * Attachments bound to their application (ADR 0031).
 *
 * Files were encrypted with an AAD naming tenant, table and the file's own id, so a file moved to
 * another application (its `draft_id` or `submission_id` changed in the database) still
 * decrypted there. From now on the AAD also names the application: the draft id, which the
 * submission keeps (`submissions.draft_id`). `binding` says which AAD a row was written with:
 * 1 the old one (every existing row, by default), 2 the new one. A migration cannot decrypt (it
 * has no key), so the app re-encrypts rows of binding 1 in the background after it starts
 * (`jobs/attachment-binding.ts`); a row of binding 2 set back to 1 does not decrypt either.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .alterTable('attachments')
    .addColumn('binding', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('attachments_binding_idx')
    .on('attachments')
    .columns(['binding', 'id'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropIndex('attachments_binding_idx').execute();
  await db.schema.alterTable('attachments').dropColumn('binding').execute();
}
