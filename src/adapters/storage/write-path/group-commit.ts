/**
 * Group commit for SQLite.
 *
 * With `synchronous=FULL` every commit waits for an fsync of the WAL (0.5-3 ms on common disks),
 * which caps a one-commit-per-request design at a few hundred writes per second. Instead, writes that
 * arrive while a commit is in progress are queued and then run together in ONE transaction, each in
 * its own savepoint: a failing write is rolled back alone, the others commit, and everyone's promise
 * settles only after the shared commit is durable. Nothing is acknowledged before it is on disk.
 *
 * Rules for `work`: start with a write statement (see `createFromDraft`: on SQLite a transaction
 * that reads first can fail with SQLITE_BUSY_SNAPSHOT when another process writes), and never call
 * the committer again from inside (it would wait for itself).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../dialect/schema.ts';

export type Work<T> = (trx: Kysely<DB>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Bounds the time one batch holds the write lock; other processes wait on it. */
const MAX_BATCH = 200;

export function createGroupCommitter(db: Kysely<DB>): <T>(work: Work<T>) => Promise<T> {
  let queue: Job[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        // Let one turn of the event loop pass before committing: requests handled at the same time
        // reach their write in it and join this batch. Without it, better-sqlite3's synchronous
        // commit runs before they get there and every commit carries one write.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = queue.slice(0, MAX_BATCH);
        queue = queue.slice(MAX_BATCH);
        await (batch.length === 1 ? runAlone(batch[0]!) : runBatch(batch));
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // The first write after a quiet moment starts the drain; writes that arrive before its
      // commit join the batch.
      if (!draining) void drain();
    });

  async function runAlone(job: Job): Promise<void> {
    try {
      job.resolve(await db.transaction().execute(job.work));
    } catch (error) {
      job.reject(error);
    }
  }

  async function runBatch(batch: Job[]): Promise<void> {
    const settled = new Set<Job>();
    const results: Array<[Job, unknown]> = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const [i, job] of batch.entries()) {
          const name = sql.raw(`gc${i}`);
          await sql`savepoint ${name}`.execute(trx);
          try {
            results.push([job, await job.work(trx)]);
            await sql`release ${name}`.execute(trx);
          } catch (error) {
            await sql`rollback to ${name}`.execute(trx);
            await sql`release ${name}`.execute(trx);
            settled.add(job);
            job.reject(error);
          }
        }
      });
    } catch (error) {
      // The commit (or the transaction itself) failed: nothing of the batch is stored.
      for (const job of batch) if (!settled.has(job)) job.reject(error);
      return;
    }
    for (const [job, value] of results) job.resolve(value);
  }
}
