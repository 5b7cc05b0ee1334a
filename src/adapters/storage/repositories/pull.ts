/**
 * What the pull API reads and marks on submissions (ADR 0041): the list of those not yet
 * acknowledged, oldest first (index `submissions_pull_idx`), and the acknowledgement, which is a
 * compare-and-set: of two systems acknowledging at once, one records it.
 */
import type { Kysely } from 'kysely';
import type { PullListItem } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';
import { submissionsWithService } from './submissions.ts';

interface Row {
  id: string;
  reference: string;
  service_id: string;
  slug: string;
  version: number;
  submitted_at: string;
  acknowledged_at: string | null;
}

function toItem(row: Row): PullListItem {
  return {
    id: row.id,
    reference: row.reference,
    serviceId: row.service_id,
    serviceSlug: row.slug,
    serviceVersion: Number(row.version),
    submittedAt: row.submitted_at,
    acknowledgedAt: row.acknowledged_at,
  };
}

function items(db: Kysely<DB>, tenantId: string) {
  return submissionsWithService(db, tenantId).select([
    'sub.id',
    'sub.reference',
    'sub.service_id',
    's.slug',
    'v.version',
    'sub.submitted_at',
    'sub.acknowledged_at',
  ]);
}

export function pullRepository({ db, transaction }: StoreContext): Store['pull'] {
  return {
    async listNew(tenantId, query) {
      let rows = items(db, tenantId).where('sub.acknowledged_at', 'is', null);
      if (query.serviceId !== null) rows = rows.where('sub.service_id', '=', query.serviceId);
      if (query.after !== null) {
        const after = await db
          .selectFrom('submissions')
          .select(['submitted_at', 'id'])
          .where('tenant_id', '=', tenantId)
          .where('id', '=', query.after)
          .executeTakeFirst();
        // A cursor that is not the tenant's (or gone) starts from the beginning: nothing is skipped.
        if (after) {
          rows = rows.where((eb) =>
            eb.or([
              eb('sub.submitted_at', '>', after.submitted_at),
              eb.and([eb('sub.submitted_at', '=', after.submitted_at), eb('sub.id', '>', after.id)]),
            ]),
          );
        }
      }
      const found = await rows
        .orderBy('sub.submitted_at', 'asc')
        .orderBy('sub.id', 'asc')
        .limit(Math.max(1, Math.floor(query.limit)))
        .execute();
      return found.map(toItem);
    },

    async item(tenantId, id) {
      const row = await items(db, tenantId).where('sub.id', '=', id).executeTakeFirst();
      return row && toItem(row);
    },

    async acknowledge(tenantId, id, keyId, at, audit) {
      return transaction(async (trx) => {
        const updated = await trx
          .updateTable('submissions')
          .set({ acknowledged_at: at, acknowledged_by: keyId })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('acknowledged_at', 'is', null)
          .executeTakeFirst();
        if (toCount(updated.numUpdatedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
        return true;
      });
    },
  };
}
