/**
 * The main thread's handle on the SQLite writer thread (`sqlite-writer-thread.ts`).
 *
 * better-sqlite3 is synchronous: a commit with `synchronous=FULL` blocks the calling thread until
 * the WAL is on disk. On the thread that serves HTTP that stalls every request in flight. Write
 * programs sent here run and commit on a thread of their own; the promise settles after the
 * commit is durable. The thread is started on first use and holds the process open only while a
 * write is pending.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../ts-worker.ts';
import type { WriterReply, WriterRequest, WriterSetup } from './sqlite-writer-thread.ts';
import type { WriteOutcome, WriteProgram } from './write-program.ts';

export interface SqliteWriter {
  /** Runs the program in a transaction of the writer thread; settles after a durable commit. */
  run(program: WriteProgram): Promise<WriteOutcome>;
  /** Lets the thread finish what it has, then stops it. */
  close(): Promise<void>;
}

interface Pending {
  resolve(outcome: WriteOutcome): void;
  reject(error: Error): void;
}

/** An error from the writer thread, with SQLite's code (e.g. `SQLITE_CONSTRAINT_UNIQUE`) kept. */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

export function createSqliteWriter(path: string): SqliteWriter {
  const setup: WriterSetup = { path };
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let exited: Promise<void> | undefined;
  let nextId = 1;
  // Programs of one event-loop turn go to the thread in one message: the per-message cost of
  // postMessage is higher than the cost of copying a few more kilobytes.
  let outbox: Array<{ id: number; program: WriteProgram }> = [];
  let flushScheduled = false;

  function flush(): void {
    flushScheduled = false;
    if (outbox.length === 0) return;
    const jobs = outbox;
    outbox = [];
    worker ??= start();
    worker.ref();
    worker.postMessage({ jobs } satisfies WriterRequest);
  }

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const started = startTsWorker(new URL('./sqlite-writer-thread.ts', import.meta.url), {
      workerData: setup,
    });
    started.on('message', (replies: WriterReply[]) => {
      for (const reply of replies) {
        const waiting = pending.get(reply.id);
        if (!waiting) continue;
        pending.delete(reply.id);
        if ('outcome' in reply) waiting.resolve(reply.outcome);
        else waiting.reject(new SqliteWriteError(reply.error.message, reply.error.code));
      }
      // Idle: the thread alone must not keep the process running (unless it is closing).
      if (pending.size === 0 && worker === started) started.unref();
    });
    started.on('error', (error) => failAll(error));
    exited = new Promise((resolve) => {
      started.once('exit', (code) => {
        if (worker === started) worker = undefined;
        failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`));
        resolve();
      });
    });
    return started;
  }

  return {
    run(program) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        outbox.push({ id, program });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    async close() {
      if (flushScheduled) flush();
      if (!worker) return;
      worker.ref();
      worker.postMessage({ close: true } satisfies WriterRequest);
      worker = undefined;
      await exited;
    },
  };
}
