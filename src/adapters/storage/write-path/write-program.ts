/**
 * A write expressed as data: compiled statements plus what to do when one of them changes no row.
 *
 * Closures over a Kysely transaction cannot cross a thread boundary; a list of SQL texts with their
 * parameters can. The hot write of a submit is expressed this way so that, on SQLite, a writer
 * thread can run and commit it while the main thread goes on serving (see `sqlite-writer.ts`). The
 * same program runs in-process inside a transaction on PostgreSQL, so both dialects share one
 * definition of the write and its checks.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../dialect/schema.ts';

export interface WriteStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /**
   * When the statement changes no row: `stop` ends the program there and keeps what ran before
   * (e.g. an `insert … on conflict do nothing` that found the row already there); `fail` undoes the
   * whole program (e.g. an update whose tenant check did not match). Unset: no check.
   */
  readonly ifNoChange?: 'stop' | 'fail';
}

export type WriteProgram = readonly WriteStatement[];

/** `at` is the index of the statement that stopped or failed the program. */
export type WriteOutcome =
  | { kind: 'done' }
  | { kind: 'stopped'; at: number }
  | { kind: 'failed'; at: number };

/** Thrown inside a transaction to undo a program whose `fail` check triggered. */
export class ProgramFailed extends Error {
  constructor(readonly at: number) {
    super(`write program failed at statement ${at}`);
  }
}

/**
 * Runs the program's statements on `trx`, which must be a transaction: a `fail` throws
 * `ProgramFailed` so the caller's transaction rolls back. Returns `done` or `stopped`.
 */
export async function runProgramIn(trx: Kysely<DB>, program: WriteProgram): Promise<WriteOutcome> {
  for (const [at, statement] of program.entries()) {
    const result = await trx.executeQuery(CompiledQuery.raw(statement.sql, [...statement.parameters]));
    if (Number(result.numAffectedRows ?? 0) > 0 || statement.ifNoChange === undefined) continue;
    if (statement.ifNoChange === 'stop') return { kind: 'stopped', at };
    throw new ProgramFailed(at);
  }
  return { kind: 'done' };
}
