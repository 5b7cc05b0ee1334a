/** What every repository of the store needs, and small helpers they share. */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { AuditEvent, Clock } from '../../core/ports.ts';
import type { TenantCipher } from '../crypto/envelope.ts';
import type { Work } from './group-commit.ts';
import type { AuditEventsTable, DB, Dialect } from './schema.ts';

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
}

export function auditRow(event: AuditEvent, at: string): Insertable<AuditEventsTable> {
  return {
    id: randomUUID(),
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
