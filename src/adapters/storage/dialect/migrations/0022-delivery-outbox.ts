/**
 * Delivery to the authority's systems (ADR 0034).
 *
 * `delivery_outbox` is the transactional outbox: the submit writes one row per configured channel
 * in the same transaction as the submission, so a reference number is never shown for a submission
 * whose deliveries could be lost. The worker claims due rows with a lease (`lease_owner`,
 * `lease_until`; on PostgreSQL `FOR UPDATE SKIP LOCKED`); a lease that expires (a worker that
 * died) makes the row due again. The state is `pending`, `delivered` or `dead` (dead letter);
 * `retry_since` starts the retry window (creation, or the admin's "erneut senden").
 * `idempotency_key` is what a receiver deduplicates by: delivery is at least once.
 *
 * `sent_mails` is the built-in mail sink (the demo's and any installation's without SMTP): mails
 * are stored instead of sent and shown to the admin. The message may carry personal data (when
 * the municipality attaches the data), so it is envelope ciphertext under the tenant's data key.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('delivery_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('retry_since', 'text', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('dead_at', 'text')
    .addUniqueConstraint('delivery_outbox_submission_channel_key', ['submission_id', 'channel'])
    .execute();
  // The worker's query: due pending rows, oldest due first.
  await db.schema
    .createIndex('delivery_outbox_due_idx')
    .on('delivery_outbox')
    .columns(['state', 'next_attempt_at'])
    .execute();
  // The admin's page: the municipality's rows with problems.
  await db.schema
    .createIndex('delivery_outbox_tenant_idx')
    .on('delivery_outbox')
    .columns(['tenant_id', 'state', 'last_error_at'])
    .execute();

  await db.schema
    .createTable('sent_mails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message_enc', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sent_mails_tenant_idx')
    .on('sent_mails')
    .columns(['tenant_id', 'sent_at'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('sent_mails').execute();
  await db.schema.dropTable('delivery_outbox').execute();
}
