/**
 * The transactional outbox (ADR 0034). Rows are written by the submit's write program
 * (`submissions.ts`); here the worker claims and finishes them and the admin lists and resends
 * them. Every admin query is scoped by tenant; the worker's claim is across tenants on purpose (one
 * worker serves the installation), and each item it claims names its tenant.
 *
 * Claiming is one statement. On PostgreSQL the due rows are selected `FOR UPDATE SKIP LOCKED`, so
 * workers in several processes each take other rows and never wait for each other; on SQLite the
 * database has one writer at a time, so the same update is atomic by itself. A lease that expires
 * makes the row claimable again (its worker died or hangs); `finish` is fenced by the lease owner,
 * so a worker whose lease was taken over records nothing.
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DeliveryItem, DeliveryState, OutboxChannel } from '../../../core/domain.ts';
import type { DeliveryResult, NewDelivery, Store } from '../../../core/ports.ts';
import type { DB, DeliveryOutboxTable } from '../dialect/schema.ts';
import { type PreparedQuery, prepared } from '../write-path/prepared.ts';
import { auditParams, insertAudit, type StoreContext, toCount } from './context.ts';

type OutboxInsert = PreparedQuery<Record<string, unknown>, never>;

/** One insert statement per row count (a submit has at most one row per channel, so few shapes). */
const insertsByCount = new Map<number, OutboxInsert>();

function insertRows(count: number): OutboxInsert {
  let found = insertsByCount.get(count);
  if (!found) {
    found = prepared<Record<string, unknown>, never>((db, p) =>
      db.insertInto('delivery_outbox').values(
        Array.from({ length: count }, (_, k) => ({
          id: p(`id${k}`) as string,
          tenant_id: p('tenantId') as string,
          submission_id: p('submissionId') as string,
          channel: p(`channel${k}`) as string,
          idempotency_key: p(`idempotencyKey${k}`) as string,
          state: 'pending',
          attempts: 0,
          next_attempt_at: p('at') as string,
          retry_since: p('at') as string,
          created_at: p('at') as string,
        })),
      ),
    );
    insertsByCount.set(count, found);
  }
  return found;
}

/**
 * The submit's outbox rows (see `submissions.ts`), one per channel, as one statement: a statement
 * per row cost more in the writer than the rows themselves. Undefined when there are none.
 */
export function insertDeliveries(
  db: Kysely<DB>,
  tenantId: string,
  submissionId: string,
  at: string,
  deliveries: readonly NewDelivery[],
): { sql: string; parameters: unknown[] } | undefined {
  if (deliveries.length === 0) return undefined;
  const params: Record<string, unknown> = { tenantId, submissionId, at };
  for (const [k, delivery] of deliveries.entries()) {
    params[`id${k}`] = delivery.id;
    params[`channel${k}`] = delivery.channel;
    params[`idempotencyKey${k}`] = delivery.idempotencyKey;
  }
  return insertRows(deliveries.length).bind(db, params);
}

/** The columns an attempt's outcome sets; every outcome ends the lease. */
function outcomeColumns(result: DeliveryResult) {
  const common = { lease_owner: null, lease_until: null };
  if (result.kind === 'delivered') return { ...common, state: 'delivered', delivered_at: result.at };
  if (result.kind === 'retry')
    return {
      ...common,
      next_attempt_at: result.nextAttemptAt,
      last_error: result.error.slice(0, MAX_ERROR),
      last_error_at: result.at,
    };
  return {
    ...common,
    state: 'dead',
    dead_at: result.at,
    last_error: result.error.slice(0, MAX_ERROR),
    last_error_at: result.at,
  };
}

function toItem(row: Selectable<DeliveryOutboxTable>): DeliveryItem {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    submissionId: row.submission_id,
    channel: row.channel as OutboxChannel,
    idempotencyKey: row.idempotency_key,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    retrySince: row.retry_since,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    deadAt: row.dead_at,
  };
}

/** An error text is for an admin's page and a log: bounded, whatever a receiver answered. */
const MAX_ERROR = 500;

export function deliveriesRepository({ db, dialect, write, transaction }: StoreContext): Store['deliveries'] {
  /** Records each outcome, fenced by its own lease; the ids recorded. */
  const record = async (
    trx: Kysely<DB>,
    owner: string,
    outcomes: ReadonlyArray<{ id: string; result: DeliveryResult }>,
  ): Promise<Set<string>> => {
    const recorded = new Set<string>();
    for (const { id, result } of outcomes) {
      const updated = await trx
        .updateTable('delivery_outbox')
        .set(outcomeColumns(result))
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (toCount(updated.numUpdatedRows) === 1) recorded.add(id);
    }
    return recorded;
  };

  /** Leases up to `limit` due items to `owner` in one statement (see the file's comment). */
  const lease = async (
    trx: Kysely<DB>,
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<DeliveryItem[]> => {
    const dueRows = sql`select id from delivery_outbox
      where state = 'pending' and next_attempt_at <= ${now}
        and (lease_until is null or lease_until <= ${now})
      order by next_attempt_at, id
      limit ${limit}`;
    const result = await sql<Selectable<DeliveryOutboxTable>>`update delivery_outbox
      set lease_owner = ${owner}, lease_until = ${leaseUntil}, attempts = attempts + 1
      where id in (${dialect === 'postgres' ? sql`${dueRows} for update skip locked` : dueRows})
      returning *`.execute(trx);
    return result.rows.map(toItem).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  };

  const finishAll: Store['deliveries']['finishAll'] = async (owner, outcomes) => {
    // One commit for the batch: on SQLite every commit is an fsync that the whole process waits
    // for, and a batch's items finish within moments of each other. Each row is still fenced by
    // its own lease, so an item whose lease was taken over records nothing.
    if (outcomes.length === 0) return new Set<string>();
    return transaction((trx) => record(trx, owner, outcomes));
  };

  return {
    async claim(owner, now, leaseUntil, limit) {
      // An idle worker looks every second: a read first, so that it writes (and on SQLite waits for
      // a durable commit) only when something is due. Uses the due index.
      const due = await db
        .selectFrom('delivery_outbox')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .limit(1)
        .executeTakeFirst();
      if (!due) return [];
      return write((trx) => lease(trx, owner, now, leaseUntil, limit));
    },

    async finish(id, owner, result) {
      return (await finishAll(owner, [{ id, result }])).has(id);
    },

    finishAll,

    async finishAllAndClaim(owner, outcomes, { now, leaseUntil, limit }) {
      // The outcomes first: a transaction of SQLite's group commit starts with a write.
      return transaction(async (trx) => ({
        recorded: await record(trx, owner, outcomes),
        claimed: await lease(trx, owner, now, leaseUntil, limit),
      }));
    },

    async byId(tenantId, id) {
      const row = await db
        .selectFrom('delivery_outbox')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toItem(row);
    },

    async problems(tenantId, limit) {
      const rows = await db
        .selectFrom('delivery_outbox as o')
        .innerJoin('submissions as s', (j) =>
          j.onRef('s.id', '=', 'o.submission_id').onRef('s.tenant_id', '=', 'o.tenant_id'),
        )
        .selectAll('o')
        .select(['s.reference', 's.service_id'])
        .where('o.tenant_id', '=', tenantId)
        .where('o.state', '!=', 'delivered')
        .where('o.last_error', 'is not', null)
        .orderBy('o.last_error_at', 'desc')
        .orderBy('o.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ ...toItem(row), reference: row.reference, serviceId: row.service_id }));
    },

    async ofSubmission(tenantId, submissionId) {
      const rows = await db
        .selectFrom('delivery_outbox')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('submission_id', '=', submissionId)
        .orderBy('channel')
        .execute();
      return rows.map(toItem);
    },

    async resend(tenantId, id, at, audit) {
      return transaction(async (trx) => {
        const updated = await trx
          .updateTable('delivery_outbox')
          .set({
            state: 'pending',
            next_attempt_at: at,
            retry_since: at,
            dead_at: null,
            lease_owner: null,
            lease_until: null,
          })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('state', '!=', 'delivered')
          .executeTakeFirst();
        if (toCount(updated.numUpdatedRows) !== 1) return false;
        await insertAudit.execute(trx, auditParams({ ...audit, tenantId }, at));
        return true;
      });
    },
  };
}
