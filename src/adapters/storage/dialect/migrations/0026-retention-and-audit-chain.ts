/**
 * Deletion deadlines and the tamper-evident audit trail (ADR 0039, ADR 0040).
 *
 * `audit_events.sealed_in` names the checkpoint that sealed the event (null until the sealing job
 * reaches it), so appending an event stays one plain insert. `audit_checkpoints` is each tenant's
 * hash chain: a checkpoint hashes the previous one, the Merkle root of the events it seals and the
 * Merkle root of the erasures it records. `audit_erasures` keeps, for a sealed event deleted under
 * a retention rule, its id and leaf hash (no content), so the chain still verifies and the next
 * checkpoint records the deletion.
 *
 * The index on submissions serves the retention job's question: the service's closed
 * (`completed`) submissions whose last status change is older than the deadline.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('audit_events').addColumn('sealed_in', 'integer').execute();
  await db.schema
    .createIndex('audit_events_seal_idx')
    .on('audit_events')
    .columns(['tenant_id', 'sealed_in', 'id'])
    .execute();

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('events_root', 'text', (c) => c.notNull())
    .addColumn('erasure_count', 'integer', (c) => c.notNull())
    .addColumn('erasures_root', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_checkpoints_pk', ['tenant_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_erasures')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('sealed_in', 'integer', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .addColumn('recorded_in', 'integer')
    .execute();
  await db.schema
    .createIndex('audit_erasures_tenant_idx')
    .on('audit_erasures')
    .columns(['tenant_id', 'recorded_in'])
    .execute();

  await db.schema
    .createIndex('submissions_closed_idx')
    .on('submissions')
    .columns(['tenant_id', 'service_id', 'status', 'updated_at'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropIndex('submissions_closed_idx').execute();
  await db.schema.dropTable('audit_erasures').execute();
  await db.schema.dropTable('audit_checkpoints').execute();
  await db.schema.dropIndex('audit_events_seal_idx').execute();
  await db.schema.alterTable('audit_events').dropColumn('sealed_in').execute();
}
