/**
 * A second "app instance" for concurrency tests: its own thread and its own database connection.
 * For SQLite this is what makes the test real: two connections in one thread would block each other
 * (better-sqlite3 waits for a lock synchronously, so the holder could never finish).
 * Each round, every worker waits at a shared barrier and then runs its task at the same moment.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type DatabaseConfig, openDatabase } from '../../../src/adapters/storage/dialect/database.ts';
import { migrate } from '../../../src/adapters/storage/dialect/migrate.ts';
import type { AuditEvent } from '../../../src/core/domain.ts';
import type { NewSubmission } from '../../../src/core/ports.ts';
import { storeFor } from './fixtures.ts';

export interface WorkerSetup {
  config: DatabaseConfig;
  masterKey: Uint8Array;
}

export type WorkerTask =
  | { task: 'migrate' }
  | { task: 'submit'; input: NewSubmission; audit: AuditEvent }
  /** Counts `times` failed logins of one key, one after the other (login throttling). */
  | { task: 'loginFailures'; key: string; at: string; times: number }
  | { task: 'close' };

export interface WorkerRound {
  barrier: SharedArrayBuffer;
  parties: number;
  work: WorkerTask;
}

const setup = workerData as WorkerSetup;
const database = openDatabase(setup.config);
const { store } = storeFor(database, setup.masterKey);

function waitForEveryone(barrier: SharedArrayBuffer, parties: number): void {
  const arrived = new Int32Array(barrier);
  Atomics.add(arrived, 0, 1);
  Atomics.notify(arrived, 0);
  for (let seen = Atomics.load(arrived, 0); seen < parties; seen = Atomics.load(arrived, 0)) {
    Atomics.wait(arrived, 0, seen, 10_000);
  }
}

async function perform(work: WorkerTask): Promise<unknown> {
  if (work.task === 'migrate') return migrate(database.db, database.dialect);
  if (work.task === 'submit') return store.submissions.createFromDraft(work.input, work.audit);
  if (work.task === 'loginFailures') {
    for (let i = 0; i < work.times; i++) {
      await store.loginAttempts.recordFailure(
        [{ kind: 'account', key: work.key, forgetBefore: '2000-01-01T00:00:00.000Z' }],
        work.at,
        [],
      );
    }
    return undefined;
  }
  return undefined;
}

parentPort?.on('message', async ({ barrier, parties, work }: WorkerRound) => {
  if (work.task === 'close') {
    await database.destroy();
    parentPort?.close();
    return;
  }
  waitForEveryone(barrier, parties);
  try {
    parentPort?.postMessage({ ok: true, result: await perform(work) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, error: String(error), code: (error as { code?: string }).code });
  }
});
parentPort?.postMessage({ ready: true });
