/**
 * Uploaded files (ADR 0018).
 *
 * `attachments`: one row per file a citizen uploaded. It belongs to a draft (`draft_id`) until the
 * draft is submitted; the submit's write program then sets `submission_id` and clears `draft_id`,
 * so deleting a draft (30-day retention, a fresh start) deletes exactly its unsent files. No
 * foreign keys to drafts or submissions: drafts are deleted while submissions keep their files,
 * and the repositories delete files explicitly in the same transaction as their draft.
 *
 * Personal data is encrypted (envelope, tenant data key, AAD naming tenant, table and row):
 * `meta_enc` holds the file name, media type, size and SHA-256; `content_enc` the bytes. Only
 * `size_bytes` is plain, so operators can see how much space uploads take.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('draft_id', 'text')
    .addColumn('submission_id', 'text')
    .addColumn('field_key', 'text', (c) => c.notNull())
    .addColumn('meta_enc', 'text', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_draft_idx')
    .on('attachments')
    .columns(['tenant_id', 'draft_id'])
    .execute();
  await db.schema
    .createIndex('attachments_submission_idx')
    .on('attachments')
    .columns(['tenant_id', 'submission_id'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
