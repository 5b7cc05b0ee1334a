/**
 * Staff single sign-on (ADR 0056): logins waiting for the municipality's OpenID provider, and
 * staff accounts linked to an identity there. The secrets of a waiting login (nonce, PKCE code
 * verifier) are ciphertext under the tenant's data key, bound to their row. The link is the
 * provider's issuer and a keyed pseudonym of its subject, unique per municipality.
 */
import type { Store } from '../../../core/ports.ts';
import { normalizeRoles } from '../../../core/roles.ts';
import type { StaffSsoPending } from '../../../core/staff-sso/records.ts';
import { auditParams, insertAudit, isUniqueViolation, type StoreContext, toCount } from './context.ts';
import { openLoginSecrets, sealLoginSecrets } from './login-request-secrets.ts';
import { ACCOUNT_COLUMNS, accountRow, toAccount } from './staff.ts';

const usernameTaken = (error: unknown) =>
  isUniqueViolation(error, 'staff_accounts_username_key', 'staff_accounts.username');

export function staffSsoRepository({
  db,
  cipher,
  clock,
  write,
  transaction,
}: StoreContext): Store['staffSso'] {
  return {
    async savePending(pending) {
      const secretsEnc = await sealLoginSecrets(cipher, 'staff_sso_requests', pending);
      const now = clock.now().toISOString();
      await write(async (trx) => {
        await trx
          .insertInto('staff_sso_requests')
          .values({
            state_hash: pending.stateHash,
            tenant_id: pending.tenantId,
            session_hash: pending.sessionHash,
            secrets_enc: secretsEnc,
            created_at: pending.createdAt,
            expires_at: pending.expiresAt,
          })
          .execute();
        await trx.deleteFrom('staff_sso_requests').where('expires_at', '<', now).execute();
      });
    },

    async takePending(stateHash) {
      const row = await write((trx) =>
        trx
          .deleteFrom('staff_sso_requests')
          .where('state_hash', '=', stateHash)
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) return undefined;
      const secrets = await openLoginSecrets(cipher, 'staff_sso_requests', row);
      const pending: StaffSsoPending = {
        stateHash: row.state_hash,
        tenantId: row.tenant_id,
        sessionHash: row.session_hash,
        nonce: secrets.nonce,
        codeVerifier: secrets.codeVerifier,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      };
      return pending;
    },

    async linkedAccount(tenantId, link) {
      const row = await db
        .selectFrom('staff_accounts')
        .select(ACCOUNT_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('sso_issuer', '=', link.issuer)
        .where('sso_subject', '=', link.subject)
        .executeTakeFirst();
      return row && toAccount(row);
    },

    async createLinked(account, link, audit) {
      const at = clock.now().toISOString();
      try {
        await transaction(async (trx) => {
          await trx
            .insertInto('staff_accounts')
            .values({ ...accountRow(account, at), sso_issuer: link.issuer, sso_subject: link.subject })
            .execute();
          await insertAudit.execute(trx, auditParams({ ...audit, tenantId: account.tenantId }, at));
        });
        return 'created';
      } catch (error) {
        if (usernameTaken(error)) return 'username-taken';
        if (isUniqueViolation(error, 'staff_accounts_sso_idx', 'staff_accounts.sso_'))
          return 'linked-meanwhile';
        throw error;
      }
    },

    async refreshLinked(tenantId, accountId, facts, rolesChanged) {
      const at = clock.now().toISOString();
      try {
        await transaction(async (trx) => {
          const updated = await trx
            .updateTable('staff_accounts')
            .set({
              username: facts.username,
              display_name: facts.displayName,
              roles: normalizeRoles(facts.roles).join(' '),
            })
            .where('tenant_id', '=', tenantId)
            .where('id', '=', accountId)
            .where('sso_subject', 'is not', null)
            .executeTakeFirst();
          if (toCount(updated.numUpdatedRows) !== 1) throw new Error('no linked account with this id');
          if (!rolesChanged) return;
          await trx
            .deleteFrom('staff_sessions')
            .where('tenant_id', '=', tenantId)
            .where('account_id', '=', accountId)
            .execute();
          await insertAudit.execute(trx, auditParams({ ...rolesChanged, tenantId }, at));
        });
        return 'updated';
      } catch (error) {
        if (usernameTaken(error)) return 'username-taken';
        throw error;
      }
    },
  };
}
