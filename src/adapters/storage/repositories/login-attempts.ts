/**
 * Failed staff logins per typed username and per client address (ADR 0028), shared by every app
 * instance through the database. Counting is one upsert per key, so two instances counting at once
 * both count; what the counts mean (delays, locks) is decided in `core/login-throttle.ts`.
 */
import { type Selectable, sql } from 'kysely';
import type { LoginFailures, LoginThrottleKind } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { LoginAttemptsTable } from '../dialect/schema.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

function toFailures(row: Selectable<LoginAttemptsTable>): LoginFailures {
  return {
    kind: row.kind as LoginThrottleKind,
    key: row.key,
    failures: Number(row.failures),
    sinceSuccess: Number(row.since_success),
    lastFailureAt: row.last_failure_at,
    lockedAt: row.locked_at,
  };
}

export function loginAttemptsRepository({ db, write, transaction }: StoreContext): Store['loginAttempts'] {
  return {
    async read(keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('login_attempts')
        .selectAll()
        .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('key', '=', k.key)]))))
        .execute();
      return rows.map(toFailures);
    },

    async recordFailure(keys, at, audit) {
      return transaction(async (trx) => {
        const counted: LoginFailures[] = [];
        // The upserts first: on SQLite a group-committed transaction must begin with a write.
        for (const { kind, key, forgetBefore } of keys) {
          const row = await trx
            .insertInto('login_attempts')
            .values({ kind, key, failures: 1, since_success: 1, last_failure_at: at, locked_at: null })
            .onConflict((oc) =>
              oc.columns(['kind', 'key']).doUpdateSet((eb) => ({
                // A run that has been quiet long enough is forgotten; this failure starts a new one.
                failures: eb
                  .case()
                  .when('login_attempts.last_failure_at', '<', forgetBefore)
                  .then(sql<number>`1`)
                  .else(eb('login_attempts.failures', '+', sql<number>`1`))
                  .end(),
                since_success: eb('login_attempts.since_success', '+', sql<number>`1`),
                last_failure_at: eb.ref('excluded.last_failure_at'),
              })),
            )
            .returningAll()
            .executeTakeFirstOrThrow();
          counted.push(toFailures(row));
        }
        for (const event of audit) await insertAudit.execute(trx, auditParams(event, at));
        return counted;
      });
    },

    async markLocked(kind, key, at, audit) {
      await transaction(async (trx) => {
        await trx
          .updateTable('login_attempts')
          .set({ locked_at: at })
          .where('kind', '=', kind)
          .where('key', '=', key)
          .execute();
        for (const event of audit) await insertAudit.execute(trx, auditParams(event, at));
      });
    },

    async clear(kind, key) {
      const row = await write((w) =>
        w
          .deleteFrom('login_attempts')
          .where('kind', '=', kind)
          .where('key', '=', key)
          .returningAll()
          .executeTakeFirst(),
      );
      return row && toFailures(row);
    },

    async deleteStale(kind, before) {
      const result = await write((w) =>
        w
          .deleteFrom('login_attempts')
          .where('kind', '=', kind)
          .where('last_failure_at', '<', before)
          .executeTakeFirst(),
      );
      return toCount(result.numDeletedRows);
    },
  };
}
