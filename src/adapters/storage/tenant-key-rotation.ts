/**
 * `amtsweg keys rotate-tenant SLUG` (ADR 0047): a new data key version for one municipality, its
 * values re-encrypted under it in batches while the app serves, then the old versions destroyed.
 *
 * 1. Start: when the tenant has no older versions, one transaction makes a fresh key the newest
 *    (a compare-and-set on the tenants row) and keeps the previous one in `tenant_data_keys`. When
 *    it has older versions, an earlier run was interrupted and this one carries on: nothing to
 *    remember besides the data.
 * 2. Passes over `ENCRYPTED_COLUMNS`: each batch reads values that still name another version,
 *    decrypts and encrypts them outside any transaction, then writes them in one short transaction,
 *    each only while the row still holds what was read. A value the app rewrote meanwhile is left
 *    to the next pass; none is lost, none encrypted twice (the write names what it replaces).
 * 3. Instances keep writing with their cached key for up to `refreshMs` (`envelope.ts`), so the
 *    old versions are destroyed only after a pass that found nothing to do, started at least twice
 *    that long after the newest version was created. Deleting the rows is the retirement.
 *
 * A run killed at any point leaves each value either as it was or re-encrypted and committed;
 * the next run finds what is left from the data itself.
 */
import { setPriority } from 'node:os';
import { type Kysely, sql, type Transaction } from 'kysely';
import { DecryptionError, StorageError } from '../../core/errors.ts';
import { keyVersionOf, type TenantCipher } from '../crypto/envelope.ts';
import type { DB, Dialect } from './dialect/schema.ts';
import { ENCRYPTED_COLUMNS, type EncryptedColumn, type StoredValue } from './encrypted-columns.ts';
import { auditParams, toCount } from './repositories/context.ts';

export interface TenantKeyRotationOptions {
  /**
   * The rotation's own connection (the command's): on SQLite the run turns off the wait for the
   * disk on its batch commits for as long as it runs (see `batchTransaction`).
   */
  db: Kysely<DB>;
  dialect: Dialect;
  /** A cipher over the same database; this run's writes must use the newest version. */
  cipher: TenantCipher;
  now: () => Date;
  /** The instances' `dataKeyRefreshMs`: how long one may still write with a cached old key. */
  refreshMs: number;
  /** Values per batch (one short transaction each). */
  batch?: number | undefined;
  /**
   * A pause after each batch, so a rotation leaves the serving instances most of the CPU and the
   * database (ADR 0047); 0 (the default) re-encrypts as fast as it can.
   */
  pauseMs?: number | undefined;
  columns?: readonly EncryptedColumn[] | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  progress?: ((event: RotationProgress) => void) | undefined;
}

export type RotationProgress =
  | { kind: 'created'; version: number }
  | { kind: 'resumed'; version: number; older: number[] }
  | { kind: 'batch'; column: string; reencrypted: number; total: number }
  | { kind: 'waiting'; ms: number }
  | { kind: 'retired'; versions: number[] };

export interface TenantKeyRotation {
  /** The version every value is under now. */
  version: number;
  /** Whether this run created it (false: it finished an interrupted run). */
  created: boolean;
  reencrypted: number;
  /** Values the app rewrote between read and write (found again by a later pass). */
  conflicts: number;
  /** Versions destroyed; empty when `unreadable` kept them. */
  retired: number[];
  /** Values no known key and AAD opens: the old versions stay until an operator looks at them. */
  unreadable: Array<{ column: string; key: string; reason: string }>;
}

const DEFAULT_BATCH = 200;
/**
 * The niceness `amtsweg keys rotate-tenant` runs at (ADR 0047, 3 December 2026): the kernel gives
 * the serving instances on the same machine the CPU first, and the rotation what is left, which
 * is all of it when they are idle.
 */
export const ROTATION_NICENESS = 10;

/** Lowers this process's CPU priority to `ROTATION_NICENESS`; where that is refused, runs as it is. */
export function runAtLowPriority(): void {
  try {
    setPriority(ROTATION_NICENESS);
  } catch {
    // Lowering one's own priority is always allowed on Linux; elsewhere it may not be supported.
  }
}
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Makes a fresh data key the tenant's newest version, unless older versions are still in use. */
async function startRotation(
  options: TenantKeyRotationOptions,
  tenantId: string,
): Promise<{ version: number; created: boolean }> {
  const { db, cipher, now } = options;
  const tenant = await db
    .selectFrom('tenants')
    .select(['wrapped_data_key', 'data_key_version'])
    .where('id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const older = await db
    .selectFrom('tenant_data_keys')
    .select('version')
    .where('tenant_id', '=', tenantId)
    .orderBy('version')
    .execute();
  if (older.length > 0) {
    options.progress?.({
      kind: 'resumed',
      version: tenant.data_key_version,
      older: older.map((o) => o.version),
    });
    return { version: tenant.data_key_version, created: false };
  }
  const version = tenant.data_key_version + 1;
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const update = await trx
      .updateTable('tenants')
      .set({ wrapped_data_key: cipher.createTenantKey(tenantId), data_key_version: version })
      .where('id', '=', tenantId)
      .where('data_key_version', '=', tenant.data_key_version)
      .where('wrapped_data_key', '=', tenant.wrapped_data_key)
      .executeTakeFirst();
    if (toCount(update.numUpdatedRows) !== 1) {
      throw new StorageError(
        'ERR_KEY_ROTATION_CONFLICT',
        'another rotation of this municipality started at the same time',
      );
    }
    await trx
      .insertInto('tenant_data_keys')
      .values({
        tenant_id: tenantId,
        version: tenant.data_key_version,
        wrapped_key: tenant.wrapped_data_key,
        superseded_at: at,
      })
      .execute();
    await trx
      .insertInto('audit_events')
      .values(auditParams(keysAudit(tenantId, 'keys.data-key-created', { version }), at))
      .execute();
  });
  options.progress?.({ kind: 'created', version });
  return { version, created: true };
}

function keysAudit(tenantId: string, action: string, details: Record<string, unknown>) {
  return {
    tenantId,
    actorType: 'operator' as const,
    actorId: null,
    action,
    subjectType: 'tenant',
    subjectId: tenantId,
    details,
  };
}

/** Decrypts with the first AAD that opens the value and encrypts it under the newest version. */
async function reencrypt(
  cipher: TenantCipher,
  tenantId: string,
  column: EncryptedColumn,
  value: StoredValue,
): Promise<string | Buffer> {
  let failure: unknown;
  for (const aad of value.aads) {
    try {
      if (column.form === 'binary') {
        const plain = await cipher.decryptBinary(tenantId, value.value as Uint8Array, aad);
        return await cipher.encryptBinary(tenantId, plain, aad);
      }
      const plain = await cipher.decryptBytes(tenantId, value.value as string, aad);
      return await cipher.encryptBytes(tenantId, plain, aad);
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      failure = error;
    }
  }
  throw failure ?? new DecryptionError('ERR_DECRYPT_FAILED', 'no AAD to open it with');
}

/**
 * One batch's transaction, committed without waiting for the disk: a batch lost to a power cut
 * leaves its values as they were, under the old version that stays until retirement, and the next
 * pass or run does them again; the log keeps commits in order, so a later commit that survived
 * means every earlier one did. The retirement (`retire`) waits for the disk as every other write
 * does. On PostgreSQL `synchronous_commit = off` for the transaction; on SQLite the connection's
 * `synchronous` is NORMAL during the passes (`lazyCommits`). Besides the wait itself, SQLite holds
 * its write lock through the wait, so the app's own commits waited for every batch's as well.
 */
async function batchTransaction<T>(
  options: TenantKeyRotationOptions,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return options.db.transaction().execute(async (trx) => {
    if (options.dialect === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
    return work(trx);
  });
}

/** SQLite: the batches' commits do not wait for the disk while `run` runs (see `batchTransaction`). */
async function lazyCommits<T>(options: TenantKeyRotationOptions, run: () => Promise<T>): Promise<T> {
  if (options.dialect !== 'sqlite') return run();
  await sql`pragma synchronous = normal`.execute(options.db);
  try {
    return await run();
  } finally {
    // As `database.ts` opens every connection: an acknowledged commit survives a power cut.
    await sql`pragma synchronous = full`.execute(options.db);
  }
}

export async function rotateTenantKey(
  options: TenantKeyRotationOptions,
  tenantId: string,
): Promise<TenantKeyRotation> {
  const { db, cipher, now } = options;
  const batch = options.batch ?? DEFAULT_BATCH;
  const columns = options.columns ?? ENCRYPTED_COLUMNS;
  const sleep = options.sleep ?? wait;
  const { version, created } = await startRotation(options, tenantId);
  // This run's cipher may have cached the keys from before: it must encrypt with `version`.
  cipher.forget(tenantId);
  const result: TenantKeyRotation = {
    version,
    created,
    reencrypted: 0,
    conflicts: 0,
    retired: [],
    unreadable: [],
  };

  for (;;) {
    const passStarted = now().getTime();
    const unreadable: TenantKeyRotation['unreadable'] = [];
    let found = 0;
    await lazyCommits(options, async () => {
      for (const column of columns) {
        let after = '';
        for (;;) {
          const values = await column.stale(db, tenantId, version, after, batch);
          if (values.length === 0) break;
          after = values.at(-1)!.key;
          found += values.length;
          const next: Array<{ value: StoredValue; sealed: string | Buffer }> = [];
          for (const value of values) {
            try {
              const sealed = await reencrypt(cipher, tenantId, column, value);
              // Another rotation of the same tenant must not make this one write an older version.
              if (keyVersionOf(sealed) !== version) {
                throw new StorageError(
                  'ERR_KEY_ROTATION_CONFLICT',
                  'the newest data key version changed during the rotation',
                );
              }
              next.push({ value, sealed });
            } catch (error) {
              if (!(error instanceof DecryptionError)) throw error;
              unreadable.push({ column: column.name, key: value.key, reason: error.message });
            }
          }
          if (next.length === 0) continue;
          const written = await batchTransaction(options, async (trx) => {
            if (column.replaceMany) {
              const items = next.map(({ value, sealed }) => ({
                key: value.key,
                value: value.value,
                next: sealed,
              }));
              return column.replaceMany(trx, tenantId, items);
            }
            let count = 0;
            for (const { value, sealed } of next) {
              if (await column.replace(trx, tenantId, value.key, value.value, sealed)) count++;
            }
            return count;
          });
          result.reencrypted += written;
          result.conflicts += next.length - written;
          options.progress?.({
            kind: 'batch',
            column: column.name,
            reencrypted: written,
            total: result.reencrypted,
          });
          // better-sqlite3 answers synchronously: without yielding, a long run would never let the
          // process handle anything else (signals, output, messages) until it is done.
          if (options.pauseMs) await sleep(options.pauseMs);
          else await new Promise((resolve) => setImmediate(resolve));
        }
      }
    });
    if (unreadable.length > 0 && found === unreadable.length) {
      // Nothing else left, but these cannot be moved: keep the old keys so they stay as they are.
      result.unreadable = unreadable;
      return result;
    }
    if (found > 0) continue;
    const superseded = await db
      .selectFrom('tenant_data_keys')
      .select(['version', 'superseded_at'])
      .where('tenant_id', '=', tenantId)
      .orderBy('version')
      .execute();
    const safeFrom =
      Math.max(0, ...superseded.map((s) => Date.parse(s.superseded_at))) + 2 * options.refreshMs;
    if (passStarted < safeFrom) {
      // An instance may still have been writing with an old key when this pass began.
      const ms = safeFrom - passStarted;
      options.progress?.({ kind: 'waiting', ms });
      await sleep(ms);
      continue;
    }
    result.retired = superseded.map((s) => s.version);
    if (!(await retire(db, tenantId, columns, result, now().toISOString()))) {
      // A value under an old version was committed after the pass (a write that was encrypted
      // before its instance saw the new key, and committed late): another pass takes it.
      result.retired = [];
      continue;
    }
    cipher.forget(tenantId);
    options.progress?.({ kind: 'retired', versions: result.retired });
    return result;
  }
}

/**
 * Destroys the older keys, in one transaction with a last look at every column: a value still
 * naming an old version (committed since the pass that found none) keeps the keys, and the caller
 * runs another pass (false). One audit event per run that got this far, counts only.
 */
async function retire(
  db: Kysely<DB>,
  tenantId: string,
  columns: readonly EncryptedColumn[],
  run: TenantKeyRotation,
  at: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    for (const column of columns) {
      if ((await column.stale(trx, tenantId, run.version, '', 1)).length > 0) return false;
    }
    if (run.retired.length > 0) {
      await trx
        .deleteFrom('tenant_data_keys')
        .where('tenant_id', '=', tenantId)
        .where('version', 'in', run.retired)
        .execute();
    }
    await trx
      .insertInto('audit_events')
      .values(
        auditParams(
          keysAudit(tenantId, 'keys.data-key-retired', {
            version: run.version,
            retired: run.retired,
            reencrypted: run.reencrypted,
          }),
          at,
        ),
      )
      .execute();
    return true;
  });
}
