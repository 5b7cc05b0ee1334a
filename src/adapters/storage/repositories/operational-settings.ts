/**
 * Operational settings (ADR 0024): one row per tenant, service (`''` for tenant-wide) and kind.
 * Every query is scoped by tenant. Secret options are encrypted with the tenant's data key, bound
 * to their row (tenant, service, kind), so a ciphertext copied to another setting does not decrypt.
 */
import type { OperationalSetting } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { OperationalSettingsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext } from './context.ts';

const TABLE = 'operational_settings';
/** The column value of a tenant-wide setting (see migration 0007). */
const TENANT_WIDE = '';

function aad(tenantId: string, serviceColumn: string, kind: string): string {
  return placeAad(tenantId, TABLE, `${serviceColumn}|${kind}`);
}

export function operationalSettingsRepository({
  db,
  cipher,
  transaction,
}: StoreContext): Store['operationalSettings'] {
  const toSetting = async (row: OperationalSettingsTable): Promise<OperationalSetting> => ({
    tenantId: row.tenant_id,
    serviceId: row.service_id === TENANT_WIDE ? null : row.service_id,
    kind: row.kind,
    options: JSON.parse(row.value_json),
    secrets:
      row.secrets_enc === null
        ? {}
        : JSON.parse(
            await cipher.decrypt(
              row.tenant_id,
              row.secrets_enc,
              aad(row.tenant_id, row.service_id, row.kind),
            ),
          ),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  });

  return {
    async get(tenantId, serviceId, kind) {
      const row = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('service_id', '=', serviceId ?? TENANT_WIDE)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return row && toSetting(row);
    },

    async listByTenant(tenantId) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('service_id')
        .orderBy('kind')
        .execute();
      return Promise.all(rows.map(toSetting));
    },

    async put(setting, audit) {
      const serviceColumn = setting.serviceId ?? TENANT_WIDE;
      // Encrypted before the transaction: the data key may need a read, which must not come first
      // in a group commit (see group-commit.ts).
      const secretsEnc =
        Object.keys(setting.secrets).length === 0
          ? null
          : await cipher.encrypt(
              setting.tenantId,
              JSON.stringify(setting.secrets),
              aad(setting.tenantId, serviceColumn, setting.kind),
            );
      const values = {
        value_json: JSON.stringify(setting.options),
        secrets_enc: secretsEnc,
        updated_at: setting.updatedAt,
        updated_by: setting.updatedBy,
      };
      await transaction(async (trx) => {
        await trx
          .insertInto(TABLE)
          .values({ tenant_id: setting.tenantId, service_id: serviceColumn, kind: setting.kind, ...values })
          .onConflict((oc) => oc.columns(['tenant_id', 'service_id', 'kind']).doUpdateSet(values))
          .execute();
        await insertAudit.execute(
          trx,
          auditParams({ ...audit, tenantId: setting.tenantId }, setting.updatedAt),
        );
      });
    },
  };
}
