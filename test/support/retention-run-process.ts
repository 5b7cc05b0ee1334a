/**
 * A deletion run in its own process on the test's database (ADR 0039), so a test can kill it with
 * SIGKILL in the middle: the real use case over the real store, the clock at
 * AMTSWEG_TEST_RETENTION_AS_OF, the archive at AMTSWEG_TEST_RETENTION_ARCHIVE.
 *
 * Run as a child: reads AMTSWEG_TEST_RETENTION_DB (JSON DatabaseConfig) and
 * AMTSWEG_TEST_RETENTION_MASTER_KEY (base64), sends `{}` over IPC and starts the run.
 */
import { directoryArchive } from '../../src/adapters/archive/directory.ts';
import { type DatabaseConfig, openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { runSubmissionRetention } from '../../src/core/retention/retention-run.ts';
import { erasureDeps } from './retention.ts';
import { storeFor } from './storage/fixtures.ts';
import { startTestChild, type TestChild } from './test-child.ts';

export function startRetentionProcess(
  database: DatabaseConfig,
  masterKey: Uint8Array,
  asOf: string,
  archiveDir: string,
): Promise<TestChild<Record<string, never>>> {
  return startTestChild(
    import.meta.filename,
    {
      AMTSWEG_TEST_RETENTION_DB: JSON.stringify(database),
      AMTSWEG_TEST_RETENTION_MASTER_KEY: Buffer.from(masterKey).toString('base64'),
      AMTSWEG_TEST_RETENTION_AS_OF: asOf,
      AMTSWEG_TEST_RETENTION_ARCHIVE: archiveDir,
    },
    'the deletion run',
  );
}

async function runChild(): Promise<void> {
  const database = openDatabase(
    JSON.parse(process.env.AMTSWEG_TEST_RETENTION_DB as string) as DatabaseConfig,
  );
  const { store } = storeFor(
    database,
    Buffer.from(process.env.AMTSWEG_TEST_RETENTION_MASTER_KEY as string, 'base64'),
  );
  const at = new Date(process.env.AMTSWEG_TEST_RETENTION_AS_OF as string);
  const deps = erasureDeps(
    store,
    { now: () => at },
    directoryArchive(process.env.AMTSWEG_TEST_RETENTION_ARCHIVE as string),
  );
  process.send?.({});
  await runSubmissionRetention(deps);
  // Done before the kill: the test notices that nothing is left to kill and says so.
  process.send?.({ done: true });
  const alive = setInterval(() => {}, 60_000);
  process.once('SIGTERM', () => {
    clearInterval(alive);
    void store.close().then(() => process.exit(0));
  });
}

if (process.env.AMTSWEG_TEST_RETENTION_DB && process.send) await runChild();
