/** A pool of `submit-worker.ts` threads that run one task each per round, all at the same moment. */
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../../src/adapters/ts-worker.ts';
import type { WorkerSetup, WorkerTask } from './submit-worker.ts';

export type WorkerOutcome = { ok: true; result: unknown } | { ok: false; error: string; code?: string };

export interface WorkerPool {
  /** Runs `tasks[i]` on worker `i`; all start together after a barrier. */
  round(tasks: Array<Exclude<WorkerTask, { task: 'close' }>>): Promise<WorkerOutcome[]>;
  close(): Promise<void>;
}

export async function startWorkers(count: number, setup: WorkerSetup): Promise<WorkerPool> {
  const workers = Array.from({ length: count }, () =>
    startTsWorker(new URL('./submit-worker.ts', import.meta.url), { workerData: setup }),
  );
  await Promise.all(workers.map((w) => nextMessage(w)));
  return {
    async round(tasks) {
      if (tasks.length > workers.length) throw new Error('more tasks than workers');
      const barrier = new SharedArrayBuffer(4);
      return Promise.all(
        tasks.map((work, i) => {
          const worker = workers[i]!;
          const reply = nextMessage(worker) as Promise<WorkerOutcome>;
          worker.postMessage({ barrier, parties: tasks.length, work });
          return reply;
        }),
      );
    },
    async close() {
      await Promise.all(
        workers.map(async (w) => {
          const exited = once(w, 'exit');
          w.postMessage({ barrier: new SharedArrayBuffer(4), parties: 0, work: { task: 'close' } });
          await exited;
        }),
      );
    },
  };
}

function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      worker.off('error', onError);
      resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}
