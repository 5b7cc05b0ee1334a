/**
 * A second Amtsweg instance in its own process, on the same database as the test's app — as two
 * app instances run in production. (Two SQLite connections in one thread would block each other:
 * better-sqlite3 waits for locks synchronously.)
 *
 * Run as a child: reads AMTSWEG_TEST_DB (JSON DatabaseConfig), AMTSWEG_TEST_MASTER_KEY (base64) and
 * AMTSWEG_TEST_ENV (JSON, more configuration),
 * listens on a free loopback port and sends `{ port }` to the parent over IPC.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/adapters/storage/dialect/database.ts';
import { openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { createApp, createLogger } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startTestChild } from './test-child.ts';

export interface InstanceProcess {
  baseUrl: string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown, no flush, whatever it was doing. */
  kill(): Promise<void>;
}

/** Starts the child and resolves once it listens. */
export async function startInstanceProcess(
  database: DatabaseConfig,
  masterKey: Buffer,
  env: Record<string, string> = {},
): Promise<InstanceProcess> {
  const child = await startTestChild<{ port: number }>(
    import.meta.filename,
    {
      AMTSWEG_TEST_DB: JSON.stringify(database),
      AMTSWEG_TEST_MASTER_KEY: masterKey.toString('base64'),
      AMTSWEG_TEST_ENV: JSON.stringify(env),
    },
    'second instance',
  );
  return { baseUrl: `http://127.0.0.1:${child.ready.port}`, stop: child.stop, kill: child.kill };
}

async function runChild(): Promise<void> {
  const config = loadConfig({
    AMTSWEG_DATA_DIR: mkdtempSync(join(tmpdir(), 'amtsweg-instance-')),
    LOG_LEVEL: 'warn',
    // More configuration, as the first instance has it (e.g. the identity providers file).
    ...(JSON.parse(process.env.AMTSWEG_TEST_ENV ?? '{}') as Record<string, string>),
  });
  const database = openDatabase(JSON.parse(process.env.AMTSWEG_TEST_DB as string) as DatabaseConfig);
  const app = await createApp({
    config,
    database,
    masterKey: Buffer.from(process.env.AMTSWEG_TEST_MASTER_KEY as string, 'base64'),
    jobs: false,
    logger: createLogger('warn'),
  });
  // A port given in the configuration (a peer must know the address before the start), else any.
  const env = JSON.parse(process.env.AMTSWEG_TEST_ENV ?? '{}') as Record<string, string>;
  await app.server.listen({ port: env.PORT ? config.port : 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ port });
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

if (process.env.AMTSWEG_TEST_DB && process.send) await runChild();
