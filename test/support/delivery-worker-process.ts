/**
 * A delivery worker in its own process on the test's database, as `amtsweg worker` runs beside
 * the app in production (ADR 0034): the real app with only its delivery worker running.
 *
 * Run as a child: reads AMTSWEG_TEST_WORKER_DB (JSON DatabaseConfig) and
 * AMTSWEG_TEST_WORKER_MASTER_KEY (base64), starts the worker and sends `{ owner }` over IPC.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/adapters/storage/dialect/database.ts';
import { openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { createApp, createLogger } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startTestChild } from './test-child.ts';

export interface WorkerProcess {
  owner: string;
  stop(): Promise<void>;
}

export async function startWorkerProcess(
  database: DatabaseConfig,
  masterKey: Buffer,
): Promise<WorkerProcess> {
  const child = await startTestChild<{ owner: string }>(
    import.meta.filename,
    {
      AMTSWEG_TEST_WORKER_DB: JSON.stringify(database),
      AMTSWEG_TEST_WORKER_MASTER_KEY: masterKey.toString('base64'),
    },
    'the worker',
  );
  return { owner: child.ready.owner, stop: child.stop };
}

async function runChild(): Promise<void> {
  const config = loadConfig({
    AMTSWEG_DATA_DIR: mkdtempSync(join(tmpdir(), 'amtsweg-worker-')),
    LOG_LEVEL: 'warn',
    AMTSWEG_DELIVERY_POLL_MS: '20',
  });
  const app = await createApp({
    config,
    database: openDatabase(JSON.parse(process.env.AMTSWEG_TEST_WORKER_DB as string) as DatabaseConfig),
    masterKey: Buffer.from(process.env.AMTSWEG_TEST_WORKER_MASTER_KEY as string, 'base64'),
    jobs: false,
    deliveryWorker: true,
    logger: createLogger('warn'),
  });
  process.send?.({ owner: app.deliveryWorker?.owner });
  // The worker's timers do not keep the process alive; the IPC channel and this do.
  const alive = setInterval(() => {}, 60_000);
  process.once('SIGTERM', () => {
    clearInterval(alive);
    void app.close().then(() => process.exit(0));
  });
}

if (process.env.AMTSWEG_TEST_WORKER_DB && process.send) await runChild();
