import type { Selectable } from 'kysely';
import type { AuditCheckpoint, AuditErasure, StoredAuditEvent } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { AuditCheckpointsTable, AuditErasuresTable, AuditEventsTable } from '../dialect/schema.ts';
import { isUniqueViolation, type StoreContext, toCount } from './context.ts';

export function toStoredEvent(row: Selectable<AuditEventsTable>): StoredAuditEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detailsJson: row.details_json,
    sealedIn: row.sealed_in === null ? null : Number(row.sealed_in),
  };
}

function toCheckpoint(row: Selectable<AuditCheckpointsTable>): AuditCheckpoint {
  return {
    tenantId: row.tenant_id,
    seq: Number(row.seq),
    createdAt: row.created_at,
    eventCount: Number(row.event_count),
    eventsRoot: row.events_root,
    erasureCount: Number(row.erasure_count),
    erasuresRoot: row.erasures_root,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toErasure(row: Selectable<AuditErasuresTable>): AuditErasure {
  return {
    eventId: row.event_id,
    tenantId: row.tenant_id,
    sealedIn: Number(row.sealed_in),
    leafHash: row.leaf_hash,
    erasedAt: row.erased_at,
    recordedIn: row.recorded_in === null ? null : Number(row.recorded_in),
  };
}

/** Thrown inside `append`'s transaction to roll it back when a row changed under the sealer. */
class RowsChanged extends Error {}

/** Rows per `IN (...)` list, well below both databases' bound on parameters. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export function auditChainRepository({ db, transaction }: StoreContext): Store['auditChain'] {
  return {
    async head(tenantId) {
      const row = await db
        .selectFrom('audit_checkpoints')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toCheckpoint(row);
    },

    async unsealed(tenantId, limit) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('sealed_in', 'is', null)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toStoredEvent);
    },

    async unsealedCount(tenantId) {
      const row = await db
        .selectFrom('audit_events')
        .select(({ fn }) => fn.countAll().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('sealed_in', 'is', null)
        .executeTakeFirst();
      return toCount(row?.n as number | undefined);
    },

    async unrecordedErasures(tenantId) {
      const rows = await db
        .selectFrom('audit_erasures')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('recorded_in', 'is', null)
        .execute();
      return rows.map(toErasure);
    },

    async append(checkpoint, eventIds, erasureIds) {
      try {
        await transaction(async (trx) => {
          await trx
            .insertInto('audit_checkpoints')
            .values({
              tenant_id: checkpoint.tenantId,
              seq: checkpoint.seq,
              created_at: checkpoint.createdAt,
              event_count: checkpoint.eventCount,
              events_root: checkpoint.eventsRoot,
              erasure_count: checkpoint.erasureCount,
              erasures_root: checkpoint.erasuresRoot,
              prev_hash: checkpoint.prevHash,
              hash: checkpoint.hash,
            })
            .execute();
          for (const ids of chunks(eventIds)) {
            const result = await trx
              .updateTable('audit_events')
              .set({ sealed_in: checkpoint.seq })
              .where('tenant_id', '=', checkpoint.tenantId)
              .where('id', 'in', ids)
              .where('sealed_in', 'is', null)
              .executeTakeFirst();
            if (Number(result.numUpdatedRows) !== ids.length) throw new RowsChanged();
          }
          for (const ids of chunks(erasureIds)) {
            const result = await trx
              .updateTable('audit_erasures')
              .set({ recorded_in: checkpoint.seq })
              .where('tenant_id', '=', checkpoint.tenantId)
              .where('event_id', 'in', ids)
              .where('recorded_in', 'is', null)
              .executeTakeFirst();
            if (Number(result.numUpdatedRows) !== ids.length) throw new RowsChanged();
          }
        });
        return true;
      } catch (error) {
        if (error instanceof RowsChanged) return false;
        if (isUniqueViolation(error, 'audit_checkpoints_pk', 'audit_checkpoints.')) return false;
        throw error;
      }
    },

    async checkpoints(tenantId, afterSeq, limit) {
      const rows = await db
        .selectFrom('audit_checkpoints')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(toCheckpoint);
    },

    async sealedIn(tenantId, seq) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('sealed_in', '=', seq)
        .execute();
      return rows.map(toStoredEvent);
    },

    async erasuresSealedIn(tenantId, filter) {
      let query = db.selectFrom('audit_erasures').selectAll().where('tenant_id', '=', tenantId);
      if ('sealedIn' in filter) query = query.where('sealed_in', '=', filter.sealedIn);
      else if ('recordedAfter' in filter) query = query.where('recorded_in', '>', filter.recordedAfter);
      else if (filter.recordedIn === null) query = query.where('recorded_in', 'is', null);
      else query = query.where('recorded_in', '=', filter.recordedIn);
      return (await query.execute()).map(toErasure);
    },
  };
}
