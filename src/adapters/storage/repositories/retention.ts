/**
 * Hard deletion under deletion deadlines and the right to erasure (ADR 0039). A submission goes in
 * one transaction with everything that names it: files, receipt, outbox items, the draft row, and
 * the audit events about it. Sealed audit events leave their leaf hash in `audit_erasures` (no
 * content), which the next checkpoint records (ADR 0040). On SQLite, `reclaimSpace` rewrites the
 * file afterwards, so deleted ciphertext is not left in free pages or the write-ahead log.
 */
import { sql } from 'kysely';
import { eventLeafHash } from '../../../core/audit-chain/hashes.ts';
import type { Store } from '../../../core/ports.ts';
import { toStoredEvent } from './audit-chain.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

export function retentionRepository({ db, dialect, transaction }: StoreContext): Store['retention'] {
  /** The service's submissions in this state whose last status change is before `before`. */
  const closedSubmissions = (tenantId: string, serviceId: string, before: string) =>
    db
      .selectFrom('submissions')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('service_id', '=', serviceId)
      .where('status', '=', 'completed')
      .where('updated_at', '<', before);

  return {
    async closedBefore(tenantId, serviceId, before, limit) {
      const rows = await closedSubmissions(tenantId, serviceId, before)
        .orderBy('updated_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    async eraseSubmission(tenantId, submissionId, audit, at) {
      return transaction(async (trx) => {
        // Children first (foreign keys), the submission last; a write first (group commit's rule).
        await trx
          .deleteFrom('attachments')
          .where('tenant_id', '=', tenantId)
          .where('submission_id', '=', submissionId)
          .execute();
        await trx
          .deleteFrom('receipts')
          .where('tenant_id', '=', tenantId)
          .where('submission_id', '=', submissionId)
          .execute();
        await trx
          .deleteFrom('delivery_outbox')
          .where('tenant_id', '=', tenantId)
          .where('submission_id', '=', submissionId)
          .execute();
        await trx
          .deleteFrom('drafts')
          .where('tenant_id', '=', tenantId)
          .where('submission_id', '=', submissionId)
          .execute();
        // RETURNING gives the rows as deleted: on PostgreSQL after a concurrent sealing committed,
        // so an event sealed meanwhile still leaves its erasure record.
        const events = await trx
          .deleteFrom('audit_events')
          .where('tenant_id', '=', tenantId)
          .where('subject_id', '=', submissionId)
          .returningAll()
          .execute();
        for (const row of events) {
          if (row.sealed_in === null) continue;
          const event = toStoredEvent(row);
          await trx
            .insertInto('audit_erasures')
            .values({
              event_id: event.id,
              tenant_id: tenantId,
              sealed_in: Number(row.sealed_in),
              leaf_hash: eventLeafHash(event),
              erased_at: at,
              recorded_in: null,
            })
            .execute();
        }
        const deleted = await trx
          .deleteFrom('submissions')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', submissionId)
          .executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) return false;
        await insertAudit.execute(trx, auditParams(audit, at));
        return true;
      });
    },

    async deleteFilesOfClosed(tenantId, serviceId, before) {
      const result = await db
        .deleteFrom('attachments')
        .where('tenant_id', '=', tenantId)
        .where('submission_id', 'in', closedSubmissions(tenantId, serviceId, before))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteDeliveredOutbox(tenantId, serviceId, deliveredBefore) {
      const result = await db
        .deleteFrom('delivery_outbox')
        .where('tenant_id', '=', tenantId)
        .where('state', '=', 'delivered')
        .where('delivered_at', '<', deliveredBefore)
        .where('submission_id', 'in', (eb) =>
          eb
            .selectFrom('submissions')
            .select('id')
            .where('tenant_id', '=', tenantId)
            .where('service_id', '=', serviceId),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async submissionCount(tenantId) {
      const row = await db
        .selectFrom('submissions')
        .select(({ fn }) => fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      return toCount(row?.n as number | undefined);
    },

    async idByReference(tenantId, reference) {
      const row = await db
        .selectFrom('submissions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('reference', '=', reference)
        .executeTakeFirst();
      return row?.id;
    },

    async removeTenant(tenantId) {
      return transaction(async (trx) => {
        // A write first (group commit's rule); the count below decides whether it stays.
        await trx.deleteFrom('staff_sessions').where('tenant_id', '=', tenantId).execute();
        const left = await trx
          .selectFrom('submissions')
          .select(({ fn }) => fn.countAll().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        if (toCount(left?.n as number | undefined) > 0) throw new TenantHasSubmissions();
        // Its catalog entries go with it, with their search terms and every comment on them, and
        // its comments on other municipalities' entries (ADR 0043). Copies made from its entries
        // elsewhere keep their provenance (plain ids, no foreign key).
        const entries = trx.selectFrom('catalog_entries').select('id').where('tenant_id', '=', tenantId);
        await trx.deleteFrom('catalog_terms').where('entry_id', 'in', entries).execute();
        await trx
          .deleteFrom('catalog_comments')
          .where((eb) => eb.or([eb('entry_id', 'in', entries), eb('tenant_id', '=', tenantId)]))
          .execute();
        // Children before parents (foreign keys).
        for (const table of [
          'catalog_entries',
          'service_origins',
          'catalog_merges',
          'attachments',
          'drafts',
          'operational_settings',
          'service_candidates',
          'editor_drafts',
          'service_versions',
          'services',
          'sent_mails',
          'seal_certificates',
          'audit_erasures',
          'audit_checkpoints',
          'audit_events',
          'staff_accounts',
          'tenant_data_keys',
        ] as const) {
          await trx.deleteFrom(table).where('tenant_id', '=', tenantId).execute();
        }
        await trx.deleteFrom('tenants').where('id', '=', tenantId).execute();
        return 'removed' as const;
      }).catch((error: unknown) => {
        if (error instanceof TenantHasSubmissions) return 'has-submissions' as const;
        throw error;
      });
    },

    async reclaimSpace() {
      if (dialect !== 'sqlite') return; // PostgreSQL: autovacuum reclaims the dead rows.
      await sql`VACUUM`.execute(db);
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
  };
}

/** Rolls back a removal that found submissions left. */
class TenantHasSubmissions extends Error {}
