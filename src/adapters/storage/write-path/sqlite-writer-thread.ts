/**
 * The SQLite writer thread (entry module of the worker started by `sqlite-writer.ts`).
 *
 * It owns a connection of its own to the database file and runs write programs there, so that the
 * statements and the commit with its fsync, which better-sqlite3 performs synchronously, block this
 * thread instead of the one serving HTTP. Programs that arrive while a commit is in progress are
 * committed together in the next transaction, each in its own savepoint (group commit, ADR 0012):
 * a failing program is undone alone, and a reply is sent only after the shared commit is durable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { WriteOutcome, WriteProgram } from './write-program.ts';

export interface WriterSetup {
  path: string;
}

export type WriterRequest = { jobs: Array<{ id: number; program: WriteProgram }> } | { close: true };

export interface WriterError {
  message: string;
  code?: string;
}

export type WriterReply = { id: number; outcome: WriteOutcome } | { id: number; error: WriterError };

/** Bounds how long one batch holds the write lock; other connections and processes wait on it. */
const MAX_BATCH = 200;
/** Statement shapes are few (the SQL texts of the programs); parameters are bound per call. */
const STATEMENT_CACHE_SIZE = 100;

const port = parentPort;
if (!port) throw new Error('sqlite-writer-thread must run in a worker thread');

const { path } = workerData as WriterSetup;
const db = new SQLite(path);
// The same durability and integrity settings as the main connection (see database.ts); they are
// per connection, except journal_mode, which the file keeps.
db.pragma('busy_timeout = 5000');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');

const statements = new Map<string, SQLite.Statement>();
function statement(sql: string): SQLite.Statement {
  let found = statements.get(sql);
  if (!found) {
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
    found = db.prepare(sql);
    statements.set(sql, found);
  }
  return found;
}

// IMMEDIATE takes the write lock at once (waiting up to busy_timeout), so no statement of the
// batch can fail later because another connection wrote first.
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');
const savepoint = db.prepare('SAVEPOINT program');
const release = db.prepare('RELEASE program');
const rollbackTo = db.prepare('ROLLBACK TO program');

interface Job {
  id: number;
  program: WriteProgram;
}

let queue: Job[] = [];
let scheduled = false;
let closing = false;

function run(program: WriteProgram): WriteOutcome {
  for (const [at, s] of program.entries()) {
    const { changes } = statement(s.sql).run(...s.parameters);
    if (changes > 0 || s.ifNoChange === undefined) continue;
    return s.ifNoChange === 'stop' ? { kind: 'stopped', at } : { kind: 'failed', at };
  }
  return { kind: 'done' };
}

function describe(error: unknown): WriterError {
  const e = error as { message?: unknown; code?: unknown };
  return {
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.code === 'string' && { code: e.code }),
  };
}

function commitBatch(batch: Job[]): WriterReply[] {
  const replies: WriterReply[] = [];
  try {
    begin.run();
    for (const job of batch) {
      savepoint.run();
      try {
        const outcome = run(job.program);
        if (outcome.kind === 'failed') rollbackTo.run();
        replies.push({ id: job.id, outcome });
      } catch (error) {
        rollbackTo.run();
        replies.push({ id: job.id, error: describe(error) });
      }
      release.run();
    }
    commit.run();
  } catch (error) {
    // Beginning or committing failed (e.g. the lock was not granted in time): nothing of the
    // batch is stored, whatever its programs reported.
    if (db.inTransaction) rollback.run();
    const failure = describe(error);
    return batch.map((job) => ({ id: job.id, error: failure }));
  }
  return replies;
}

function drain(): void {
  scheduled = false;
  while (queue.length > 0) {
    const batch = queue.slice(0, MAX_BATCH);
    queue = queue.slice(MAX_BATCH);
    port?.postMessage(commitBatch(batch));
  }
  if (closing) {
    db.close();
    port?.close();
  }
}

port.on('message', (request: WriterRequest) => {
  if ('close' in request) closing = true;
  else queue.push(...request.jobs);
  // Wait for the rest of the messages already delivered: they join this batch.
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});
