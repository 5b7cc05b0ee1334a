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
import type { Kysely, Transaction } from 'kysely';
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
      // A write that changes nothing: an instance rewrapped it on first use a moment ago.
      await rewrapKey(
        db,
        masters,
        now,
        result,
        { tenantId: row.id, wrapped: row.wrapped_data_key, label: row.slug, details: {} },
        async (trx, next) => {
          const update = await trx
            .updateTable('tenants')
            .set({ wrapped_data_key: next })
            .where('id', '=', row.id)
            .where('wrapped_data_key', '=', row.wrapped_data_key)
            .executeTakeFirst();
          return toCount(update.numUpdatedRows) === 1;
        },
      );
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
    // A write that changes nothing: retired or rewrapped by someone else meanwhile.
    await rewrapKey(
      db,
      masters,
      now,
      result,
      {
        tenantId: row.tenant_id,
        wrapped: row.wrapped_key,
        label: `${row.slug} (data key version ${row.version})`,
        details: { version: row.version },
      },
      async (trx, next) => {
        const update = await trx
          .updateTable('tenant_data_keys')
          .set({ wrapped_key: next })
          .where('tenant_id', '=', row.tenant_id)
          .where('version', '=', row.version)
          .where('wrapped_key', '=', row.wrapped_key)
          .executeTakeFirst();
        return toCount(update.numUpdatedRows) === 1;
      },
    );
    progress?.(result.rewrapped + result.current);
  }
  return result;
}

/**
 * One wrapped data key moved under the current master key: unwrapped (a key no given master key
 * opens is listed as unreadable), left alone when it is current, else written by `write` (a
 * compare-and-set: false when the stored wrapping changed meanwhile, which counts as current)
 * together with its audit event, in one transaction.
 */
async function rewrapKey(
  db: Kysely<DB>,
  masters: MasterKeys,
  now: () => Date,
  result: MasterKeyRotation,
  key: { tenantId: string; wrapped: string; label: string; details: Record<string, unknown> },
  write: (trx: Transaction<DB>, next: string) => Promise<boolean>,
): Promise<void> {
  let unwrapped: ReturnType<typeof unwrapDataKey>;
  try {
    unwrapped = unwrapDataKey(masters, key.wrapped, key.tenantId);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    result.unreadable.push({ slug: key.label, reason: error.message });
    return;
  }
  if (unwrapped.current) {
    result.current++;
    return;
  }
  const next = wrapDataKey(masters, unwrapped.key, key.tenantId);
  const changed = await db.transaction().execute(async (trx) => {
    if (!(await write(trx, next))) return false;
    await trx
      .insertInto('audit_events')
      .values(
        auditParams(
          {
            tenantId: key.tenantId,
            actorType: 'operator',
            actorId: null,
            action: 'keys.data-key-rewrapped',
            subjectType: 'tenant',
            subjectId: key.tenantId,
            details: { masterKey: masters.current.id, ...key.details },
          },
          now().toISOString(),
        ),
      )
      .execute();
    return true;
  });
  if (changed) result.rewrapped++;
  else result.current++;
}
