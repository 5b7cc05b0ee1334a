/**
 * Keys of the pull API (ADR 0041). Only a keyed hash of each key is stored; a presented key is
 * found by its hash (unique), so no key is ever compared or kept as it is.
 */
import type { Selectable } from 'kysely';
import type { ApiKey } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { ApiKeysTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    serviceId: row.service_id,
    label: row.label,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export function apiKeysRepository({ db, transaction, write }: StoreContext): Store['apiKeys'] {
  return {
    async create(key, audit) {
      await transaction(async (trx) => {
        await trx
          .insertInto('api_keys')
          .values({
            id: key.id,
            tenant_id: key.tenantId,
            service_id: key.serviceId,
            label: key.label,
            prefix: key.prefix,
            key_hash: key.keyHash,
            created_at: key.createdAt,
            created_by: key.createdBy,
            revoked_at: null,
            revoked_by: null,
            last_used_at: null,
          })
          .execute();
        await insertAudit.execute(trx, auditParams(audit, key.createdAt));
      });
    },

    async list(tenantId) {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toApiKey);
    },

    async byHash(keyHash) {
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', keyHash)
        .executeTakeFirst();
      return row && toApiKey(row);
    },

    async revoke(tenantId, id, by, at, audit) {
      return transaction(async (trx) => {
        const updated = await trx
          .updateTable('api_keys')
          .set({ revoked_at: at, revoked_by: by })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (toCount(updated.numUpdatedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
        return true;
      });
    },

    async touch(id, at, keyHash) {
      await write((w) =>
        w
          .updateTable('api_keys')
          .set({ last_used_at: at, ...(keyHash !== undefined && { key_hash: keyHash }) })
          .where('id', '=', id)
          .execute(),
      );
    },
  };
}
