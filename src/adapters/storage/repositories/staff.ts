import type { Kysely } from 'kysely';
import type { SecondFactorDue, StaffAccount, StaffRole } from '../../../core/domain.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { Store } from '../../../core/ports.ts';
import { isStaffRole, normalizeRoles } from '../../../core/roles.ts';
import type { DB, StaffAccountsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

/** A session's pending step (ADR 0055); anything else (null) is a complete session. */
function isSecondFactorDue(value: string | null): value is SecondFactorDue {
  return value === 'code' || value === 'enrol';
}

/** Roles are stored as a space-separated list; unknown words (from a newer version) are ignored. */
function readRoles(text: string): StaffRole[] {
  return normalizeRoles(text.split(' ').filter(isStaffRole));
}

export const ACCOUNT_COLUMNS = [
  'id',
  'tenant_id',
  'username',
  'display_name',
  'password_hash',
  'roles',
  'disabled_at',
] as const;

export function toAccount(row: Pick<StaffAccountsTable, (typeof ACCOUNT_COLUMNS)[number]>): StaffAccount {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    roles: readRoles(row.roles),
    disabledAt: row.disabled_at,
  };
}

/** The row of a new account (an SSO account adds its link, `staff-sso.ts`). */
export function accountRow(account: StaffAccount, createdAt: string) {
  return {
    id: account.id,
    tenant_id: account.tenantId,
    username: account.username,
    display_name: account.displayName,
    password_hash: account.passwordHash,
    roles: normalizeRoles(account.roles).join(' '),
    created_at: createdAt,
  };
}

export function staffRepository({ db, clock, write, transaction }: StoreContext): Store['staff'] {
  return {
    async byUsername(username) {
      const row = await db
        .selectFrom('staff_accounts')
        .select(ACCOUNT_COLUMNS)
        .where('username', '=', username)
        .executeTakeFirst();
      return row && toAccount(row);
    },

    async byId(tenantId, id) {
      const row = await db
        .selectFrom('staff_accounts')
        .select(ACCOUNT_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAccount(row);
    },

    async listByTenant(tenantId) {
      const rows = await db
        .selectFrom('staff_accounts')
        .select(ACCOUNT_COLUMNS)
        .where('tenant_id', '=', tenantId)
        .orderBy('username')
        .execute();
      return rows.map(toAccount);
    },

    async update(tenantId, accountId, change, audit, options = {}) {
      const at = clock.now().toISOString();
      await transaction(async (trx) => {
        // The update comes first (a write, see group-commit.ts) and is the tenant check.
        const updated = await trx
          .updateTable('staff_accounts')
          .set({
            ...(change.passwordHash !== undefined && { password_hash: change.passwordHash }),
            ...(change.roles !== undefined && { roles: normalizeRoles(change.roles).join(' ') }),
            ...(change.disabledAt !== undefined && { disabled_at: change.disabledAt }),
          })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', accountId)
          .executeTakeFirst();
        if (toCount(updated.numUpdatedRows) !== 1) throw new NotFoundError('staff account');
        // Whatever changed, the account logs in again: a new password, other roles or a disabled
        // account must not live on in an open session (but the one that changed its own password).
        let sessions = trx
          .deleteFrom('staff_sessions')
          .where('tenant_id', '=', tenantId)
          .where('account_id', '=', accountId);
        if (options.keepSession !== undefined)
          sessions = sessions.where('token_hash', '<>', options.keepSession);
        await sessions.execute();
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
      });
    },

    async displayNames(tenantId, accountIds) {
      if (accountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('staff_accounts')
        .select(['id', 'display_name'])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', accountIds)
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    },

    async create(account, audit) {
      const at = clock.now().toISOString();
      const insert = (w: Kysely<DB>) =>
        w.insertInto('staff_accounts').values(accountRow(account, at)).execute();
      if (!audit) {
        await write(insert);
        return;
      }
      await transaction(async (trx) => {
        await insert(trx);
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId: account.tenantId }, at));
      });
    },

    async createSession(session, audit) {
      const at = clock.now().toISOString();
      // Insert-from-select: a session is only created when the account belongs to the tenant.
      const insert = (w: Kysely<DB>) =>
        w
          .insertInto('staff_sessions')
          .columns([
            'token_hash',
            'tenant_id',
            'account_id',
            'created_at',
            'expires_at',
            'last_seen_at',
            'second_factor',
          ])
          .expression((eb) =>
            eb
              .selectFrom('staff_accounts')
              .select([
                eb.val(session.tokenHash).as('token_hash'),
                'tenant_id',
                'id',
                eb.val(at).as('created_at'),
                eb.val(session.expiresAt).as('expires_at'),
                eb.val(at).as('last_seen_at'),
                eb.val(session.secondFactor ?? null).as('second_factor'),
              ])
              .where('id', '=', session.accountId)
              .where('tenant_id', '=', session.tenantId)
              .where('disabled_at', 'is', null),
          )
          .executeTakeFirst();
      const created = (result: { numInsertedOrUpdatedRows?: bigint | undefined }) => {
        if (toCount(result.numInsertedOrUpdatedRows) !== 1) throw new NotFoundError('staff account');
      };
      if (!audit) {
        created(await write(insert));
        return;
      }
      await transaction(async (trx) => {
        created(await insert(trx));
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId: session.tenantId }, at));
      });
    },

    async sessionByTokenHash(tokenHash, now) {
      const row = await db
        .selectFrom('staff_sessions as ss')
        .innerJoin('staff_accounts as a', (j) =>
          j.onRef('a.id', '=', 'ss.account_id').onRef('a.tenant_id', '=', 'ss.tenant_id'),
        )
        .select([
          'ss.token_hash',
          'ss.tenant_id',
          'ss.account_id',
          'a.username',
          'a.display_name',
          'a.roles',
          'ss.expires_at',
          'ss.created_at',
          'ss.last_seen_at',
          'ss.second_factor',
        ])
        .where('ss.token_hash', '=', tokenHash)
        .where('ss.expires_at', '>', now)
        .where('a.disabled_at', 'is', null)
        .executeTakeFirst();
      return (
        row && {
          // Sessions are keyed by the token hash; it is safe to show, the token is not derivable.
          id: row.token_hash,
          tenantId: row.tenant_id,
          accountId: row.account_id,
          username: row.username,
          displayName: row.display_name,
          roles: readRoles(row.roles),
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at ?? row.created_at,
          ...(isSecondFactorDue(row.second_factor) && { secondFactor: row.second_factor }),
        }
      );
    },

    async completeSession(tokenHash, next, audit) {
      const at = clock.now().toISOString();
      return transaction(async (trx) => {
        const row = await trx
          .updateTable('staff_sessions')
          .set({
            token_hash: next.tokenHash,
            expires_at: next.expiresAt,
            second_factor: null,
            last_seen_at: at,
          })
          .where('token_hash', '=', tokenHash)
          .where('second_factor', 'is not', null)
          .returning(['tenant_id'])
          .executeTakeFirst();
        if (!row) return false;
        for (const event of audit) {
          await insertAudit.execute(trx, auditParams({ ...event, tenantId: row.tenant_id }, at));
        }
        return true;
      });
    },

    async touchSession(tokenHash, at) {
      await write((w) =>
        w
          .updateTable('staff_sessions')
          .set({ last_seen_at: at })
          .where('token_hash', '=', tokenHash)
          .execute(),
      );
    },

    async deleteSession(tokenHash, audit) {
      const remove = (w: Kysely<DB>) =>
        w.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
      if (!audit) {
        await write(remove);
        return;
      }
      await transaction(async (trx) => {
        await remove(trx);
        await insertAudit.execute(trx, auditParams(audit, clock.now().toISOString()));
      });
    },

    async deleteExpiredSessions(now, idleBefore) {
      const result = await write((w) =>
        w
          .deleteFrom('staff_sessions')
          .where((eb) =>
            eb.or([
              eb('expires_at', '<=', now),
              eb(eb.fn.coalesce('last_seen_at', 'created_at'), '<=', idleBefore),
            ]),
          )
          .executeTakeFirst(),
      );
      return toCount(result.numDeletedRows);
    },
  };
}
