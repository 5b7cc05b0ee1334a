/**
 * Child of `bench/rotate-tenant.ts`: rotates the demo municipality's data key again and again,
 * as `amtsweg keys rotate-tenant` does, until the orchestrator says stop, so that a rotation is
 * running during the whole measurement of the step GET. Reports how many values it re-encrypted.
 *
 * Usage: rotate-tenant-worker.ts <dataDir> <refreshMs> <pauseMs> (master key in BENCH_MASTER_KEY)
 */
import { join } from 'node:path';
import { createEnvelopeCipher } from '../src/adapters/crypto/envelope.ts';
import { openDatabase } from '../src/adapters/storage/dialect/database.ts';
import { wrappedKeyLoader } from '../src/adapters/storage/repositories/tenants.ts';
import { rotateTenantKey, runAtLowPriority } from '../src/adapters/storage/tenant-key-rotation.ts';
import { exitWithParent, TENANT, type ToChild, toParent } from './common.ts';

exitWithParent();
// As `amtsweg keys rotate-tenant` runs.
runAtLowPriority();
const [dataDir = '', refreshArg = '', pauseArg = '0'] = process.argv.slice(2);
const refreshMs = Number(refreshArg);
const pauseMs = Number(pauseArg);
const database = openDatabase({ sqlitePath: join(dataDir, 'amtsweg.sqlite') });
const cipher = createEnvelopeCipher({
  masterKey: Buffer.from(process.env.BENCH_MASTER_KEY ?? '', 'base64'),
  loadWrappedKey: wrappedKeyLoader(database.db),
  refreshMs,
});
let stop = false;
let reencrypted = 0;
let runs = 0;

process.on('message', (raw) => {
  const message = raw as ToChild;
  if (message.type === 'count') toParent({ type: 'count', rows: reencrypted, extra: { runs } });
  if (message.type === 'shutdown') stop = true;
});

async function main(): Promise<void> {
  const tenant = await database.db
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', TENANT)
    .executeTakeFirstOrThrow();
  toParent({ type: 'ready', port: 0, info: {} });
  while (!stop) {
    await rotateTenantKey(
      {
        db: database.db,
        dialect: database.dialect,
        cipher,
        now: () => new Date(),
        refreshMs,
        pauseMs,
        progress: (e) => {
          if (e.kind === 'batch') reencrypted += e.reencrypted;
        },
      },
      tenant.id,
    );
    runs++;
  }
  await database.destroy();
  process.exit(0);
}

main().catch((error: unknown) => {
  toParent({ type: 'error', message: String((error as Error)?.stack ?? error) });
  process.exit(1);
});
