/**
 * `amtsweg keys rotate` (ADR 0031, completed here): rewraps every municipality's data key that is
 * not yet wrapped under the current master key (the previous master key's, or the format before
 * `w2`), at once instead of on first use, so the previous key can be retired on the operator's
 * schedule rather than when the last municipality happens to be visited.
 *
 * Without downtime: the data keys themselves do not change, so no stored value is re-encrypted;
 * instances that run with both keys read every wrapping meanwhile. Each tenant is one transaction
 * (a compare-and-set on the wrapped key, with its audit event), so a run killed at any point
 * leaves every key either as it was or rewrapped, and running the command again finishes the rest.
 * Older data key versions that a tenant key rotation has not retired yet (`tenant_data_keys`,
 * ADR 0047) are rewrapped the same way, each with the same compare-and-set.
 * Instances rewrapping on first use at the same time lose nothing: whoever writes first wins, the
 * other's compare-and-set changes nothing.
 */
import type { Kysely } from 'kysely';
import { DecryptionError } from '../../core/errors.ts';
import { type MasterKeys, unwrapDataKey, wrapDataKey } from '../crypto/key-wrapping.ts';
import type { DB } from './dialect/schema.ts';
import { auditParams, toCount } from './repositories/context.ts';

const BATCH = 100;

export interface MasterKeyRotation {
  /** Data keys rewrapped by this run. */
  rewrapped: number;
  /** Data keys that were already under the current master key. */
  current: number;
  /** Municipalities whose data key this run could not read (a master key it was not given). */
  unreadable: Array<{ slug: string; reason: string }>;
}

export async function rewrapDataKeys(
  db: Kysely<DB>,
  masters: MasterKeys,
  now: () => Date,
  progress?: (done: number) => void,
): Promise<MasterKeyRotation> {
  const result: MasterKeyRotation = { rewrapped: 0, current: 0, unreadable: [] };
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('tenants')
      .select(['id', 'slug', 'wrapped_data_key'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return rewrapOlderVersions(db, masters, now, result, progress);
    for (const row of rows) {
      let unwrapped: ReturnType<typeof unwrapDataKey>;
      try {
        unwrapped = unwrapDataKey(masters, row.wrapped_data_key, row.id);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        result.unreadable.push({ slug: row.slug, reason: error.message });
        continue;
      }
      if (unwrapped.current) {
        result.current++;
        continue;
      }
      const next = wrapDataKey(masters, unwrapped.key, row.id);
      const changed = await db.transaction().execute(async (trx) => {
        const update = await trx
          .updateTable('tenants')
          .set({ wrapped_data_key: next })
          .where('id', '=', row.id)
          .where('wrapped_data_key', '=', row.wrapped_data_key)
          .executeTakeFirst();
        if (toCount(update.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('audit_events')
          .values(
            auditParams(
              {
                tenantId: row.id,
                actorType: 'operator',
                actorId: null,
                action: 'keys.data-key-rewrapped',
                subjectType: 'tenant',
                subjectId: row.id,
                details: { masterKey: masters.current.id },
              },
              now().toISOString(),
            ),
          )
          .execute();
        return true;
      });
      // Not changed: an instance rewrapped it under the current key a moment ago.
      if (changed) result.rewrapped++;
      else result.current++;
      progress?.(result.rewrapped + result.current);
    }
    after = rows.at(-1)!.id;
  }
}

/** The same for the older versions a tenant key rotation still keeps (ADR 0047). */
async function rewrapOlderVersions(
  db: Kysely<DB>,
  masters: MasterKeys,
  now: () => Date,
  result: MasterKeyRotation,
  progress?: (done: number) => void,
): Promise<MasterKeyRotation> {
  const rows = await db
    .selectFrom('tenant_data_keys as k')
    .innerJoin('tenants as t', 't.id', 'k.tenant_id')
    .select(['k.tenant_id', 'k.version', 'k.wrapped_key', 't.slug'])
    .orderBy('k.tenant_id')
    .orderBy('k.version')
    .execute();
  for (const row of rows) {
    let unwrapped: ReturnType<typeof unwrapDataKey>;
    try {
      unwrapped = unwrapDataKey(masters, row.wrapped_key, row.tenant_id);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      result.unreadable.push({
        slug: `${row.slug} (data key version ${row.version})`,
        reason: error.message,
      });
      continue;
    }
    if (unwrapped.current) {
      result.current++;
      continue;
    }
    const next = wrapDataKey(masters, unwrapped.key, row.tenant_id);
    const changed = await db.transaction().execute(async (trx) => {
      const update = await trx
        .updateTable('tenant_data_keys')
        .set({ wrapped_key: next })
        .where('tenant_id', '=', row.tenant_id)
        .where('version', '=', row.version)
        .where('wrapped_key', '=', row.wrapped_key)
        .executeTakeFirst();
      if (toCount(update.numUpdatedRows) !== 1) return false;
      await trx
        .insertInto('audit_events')
        .values(
          auditParams(
            {
              tenantId: row.tenant_id,
              actorType: 'operator',
              actorId: null,
              action: 'keys.data-key-rewrapped',
              subjectType: 'tenant',
              subjectId: row.tenant_id,
              details: { masterKey: masters.current.id, version: row.version },
            },
            now().toISOString(),
          ),
        )
        .execute();
      return true;
    });
    // Not changed: retired or rewrapped by someone else meanwhile.
    if (changed) result.rewrapped++;
    else result.current++;
    progress?.(result.rewrapped + result.current);
  }
  return result;
}
