/** What every repository of the store needs, and small helpers they share. */
import type { Insertable, Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { AuditEvent } from '../../../core/domain.ts';
import type { Clock } from '../../../core/ports.ts';
import type { TenantCipher } from '../../crypto/envelope.ts';
import type { AuditEventsTable, DB, Dialect } from '../dialect/schema.ts';
import type { Work } from '../write-path/group-commit.ts';
import { prepared } from '../write-path/prepared.ts';
import type { WriteOutcome, WriteProgram } from '../write-path/write-program.ts';

export interface StoreContext {
  /** For reads. Writes go through `transaction` or `write`. */
  db: Kysely<DB>;
  dialect: Dialect;
  cipher: TenantCipher;
  clock: Clock;
  /**
   * Runs `work` atomically and resolves after a durable commit. SQLite: group commit (see
   * `group-commit.ts`; `work` must start with a write). PostgreSQL: a transaction of its own.
   */
  transaction<T>(work: Work<T>): Promise<T>;
  /** One write statement. SQLite: group commit; PostgreSQL: autocommit, no extra round trips. */
  write<T>(work: Work<T>): Promise<T>;
  /**
   * Runs a write program atomically and resolves after a durable commit. SQLite on a file: on the
   * writer thread (`sqlite-writer.ts`); otherwise in a transaction as above.
   */
  runProgram(program: WriteProgram): Promise<WriteOutcome>;
}

/** Inserts one audit event; see `auditParams`. */
export const insertAudit = prepared<Insertable<AuditEventsTable> & Record<string, unknown>, never>((db, p) =>
  db.insertInto('audit_events').values({
    id: p('id'),
    tenant_id: p('tenant_id'),
    at: p('at'),
    actor_type: p('actor_type'),
    actor_id: p('actor_id'),
    action: p('action'),
    subject_type: p('subject_type'),
    subject_id: p('subject_id'),
    details_json: p('details_json'),
  }),
);

export function auditParams(
  event: AuditEvent,
  at: string,
): Insertable<AuditEventsTable> & Record<string, unknown> {
  return {
    // Time-ordered, so audit rows append to the end of the primary key index.
    id: uuidv7(),
    tenant_id: event.tenantId,
    at,
    actor_type: event.actorType,
    actor_id: event.actorId,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    details_json: event.details === undefined ? null : JSON.stringify(event.details),
  };
}

/**
 * Whether `error` is a unique violation of `constraint` (PostgreSQL constraint name) or of
 * `table.column` (SQLite reports columns, not constraint names).
 */
export function isUniqueViolation(error: unknown, constraint: string, column: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === constraint;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return typeof e.message === 'string' && e.message.includes(column);
  }
  return false;
}

/** Row counts come back as bigint (Kysely), string (pg `count(*)`) or number (SQLite). */
export function toCount(value: bigint | number | string | undefined): number {
  return value === undefined ? 0 : Number(value);
}
