/**
 * Staff accounts' second factors (ADR 0055): the TOTP secret under the municipality's data key,
 * bound to its account; the last accepted time step (replay protection in one conditional update);
 * the recovery codes as hashes.
 */
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

export const SECOND_FACTOR_PLACE = 'staff_second_factors';

export function secondFactorsRepository({
  db,
  cipher,
  clock,
  write,
  transaction,
}: StoreContext): Store['secondFactors'] {
  const aad = (tenantId: string, accountId: string) => placeAad(tenantId, SECOND_FACTOR_PLACE, accountId);

  /** Stores `secret` for an account of the tenant: new, or replacing one that is not enrolled. */
  async function put(tenantId: string, accountId: string, secret: string, enrolledAt: string | null) {
    const secretEnc = await cipher.encrypt(tenantId, secret, aad(tenantId, accountId));
    const at = clock.now().toISOString();
    await write((w) =>
      w
        .insertInto('staff_second_factors')
        .columns(['account_id', 'tenant_id', 'secret_enc', 'created_at', 'enrolled_at'])
        // Insert-from-select: only for an account of this tenant.
        .expression((eb) =>
          eb
            .selectFrom('staff_accounts')
            .select([
              'id',
              'tenant_id',
              eb.val(secretEnc).as('secret_enc'),
              eb.val(at).as('created_at'),
              eb.val(enrolledAt).as('enrolled_at'),
            ])
            .where('id', '=', accountId)
            .where('tenant_id', '=', tenantId),
        )
        .onConflict((oc) =>
          oc
            .column('account_id')
            .doUpdateSet({
              secret_enc: secretEnc,
              created_at: at,
              enrolled_at: enrolledAt,
              last_step: null,
            })
            .where('staff_second_factors.enrolled_at', 'is', null),
        )
        .execute(),
    );
  }

  return {
    async get(tenantId, accountId) {
      const row = await db
        .selectFrom('staff_second_factors')
        .select(['secret_enc', 'enrolled_at', 'last_step'])
        .where('tenant_id', '=', tenantId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        secret: await cipher.decrypt(tenantId, row.secret_enc, aad(tenantId, accountId)),
        enrolledAt: row.enrolled_at,
        lastStep: row.last_step === null ? null : Number(row.last_step),
      };
    },

    begin(tenantId, accountId, secret) {
      return put(tenantId, accountId, secret, null);
    },

    enrol(tenantId, accountId, secret) {
      return put(tenantId, accountId, secret, clock.now().toISOString());
    },

    async confirm(tenantId, accountId, step, recoveryCodeHashes, audit) {
      const at = clock.now().toISOString();
      return transaction(async (trx) => {
        const confirmed = await trx
          .updateTable('staff_second_factors')
          .set({ enrolled_at: at, last_step: step })
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .where('enrolled_at', 'is', null)
          .executeTakeFirst();
        if (toCount(confirmed.numUpdatedRows) !== 1) return false;
        await trx
          .deleteFrom('staff_recovery_codes')
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .execute();
        if (recoveryCodeHashes.length > 0) {
          await trx
            .insertInto('staff_recovery_codes')
            .values(
              recoveryCodeHashes.map((codeHash) => ({
                account_id: accountId,
                code_hash: codeHash,
                tenant_id: tenantId,
                created_at: at,
              })),
            )
            .execute();
        }
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
        return true;
      });
    },

    async useStep(tenantId, accountId, step) {
      const result = await write((w) =>
        w
          .updateTable('staff_second_factors')
          .set({ last_step: step })
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .where('enrolled_at', 'is not', null)
          .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
          .executeTakeFirst(),
      );
      return toCount(result.numUpdatedRows) === 1;
    },

    async useRecoveryCode(tenantId, accountId, codeHash, at) {
      const result = await write((w) =>
        w
          .updateTable('staff_recovery_codes')
          .set({ used_at: at })
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .executeTakeFirst(),
      );
      return toCount(result.numUpdatedRows) === 1;
    },

    async recoveryCodesLeft(tenantId, accountId) {
      const row = await db
        .selectFrom('staff_recovery_codes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .where('account_id', '=', accountId)
        .where('used_at', 'is', null)
        .executeTakeFirstOrThrow();
      return toCount(row.n);
    },

    async reset(tenantId, accountId, audit) {
      const at = clock.now().toISOString();
      return transaction(async (trx) => {
        const removed = await trx
          .deleteFrom('staff_second_factors')
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
        if (toCount(removed.numDeletedRows) !== 1) return false;
        await trx
          .deleteFrom('staff_recovery_codes')
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .execute();
        await trx
          .deleteFrom('staff_sessions')
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId)
          .execute();
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
        return true;
      });
    },
  };
}
