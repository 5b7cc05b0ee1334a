/**
 * `npm run bench:rotate-tenant` (ADR 0047): in one run, on one SQLite file,
 *  (B) a bare loop that decrypts and encrypts every value of the demo municipality's drafts in
 *      memory (the values read beforehand, nothing written): the cost of the cryptography alone;
 *  (R) `rotateTenantKey` over the same rows (reads, re-encryption, compare-and-set writes in
 *      batches), timed until its passes are done; the deliberate wait before the old key is
 *      destroyed (twice the key refresh interval) is not re-encryption and is left out;
 *  (S0) the step GET of the real app (its own process, loopback, autocannon here) without a
 *      rotation, and (S1) the same while a rotation process re-encrypts the municipality's data
 *      again and again, interleaved S0, S1, S0, S1 so that drift hits both alike.
 * Prints the rates and the ratios (R)/(B) (goal >= 0.5) and (S1)/(S0) (goal >= 0.8). Exits non-zero
 * only when a correctness check fails (a step GET not 200, a value that no longer reads back).
 * Settings: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_ROTATE_ROWS (drafts to
 * re-encrypt, default 20000), BENCH_ROTATE_PAUSE_MS (the rotation's `--pause-ms` during (S1),
 * default 0), BENCH_LOG_LEVEL, BENCH_DATA_DIR; see docs/performance.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createEnvelopeCipher, placeAad } from '../src/adapters/crypto/envelope.ts';
import { openDatabase } from '../src/adapters/storage/dialect/database.ts';
import { wrappedKeyLoader } from '../src/adapters/storage/repositories/tenants.ts';
import { rotateTenantKey } from '../src/adapters/storage/tenant-key-rotation.ts';
import { Child, HOST, loadSettings, TENANT } from './common.ts';

const settings = loadSettings();
const rowsArg = process.env.BENCH_ROTATE_ROWS;
const ROWS = rowsArg ? Number(rowsArg) : 20_000;
if (!Number.isInteger(ROWS) || ROWS < 100) throw new Error(`BENCH_ROTATE_ROWS must be an integer >= 100`);
/** Short, so the repeated rotations of (S1) spend little time waiting; the server uses the same. */
const REFRESH_MS = 100;
/** `--pause-ms` of the rotation during (S1): how much room it leaves the server. */
const pauseArg = process.env.BENCH_ROTATE_PAUSE_MS;
const PAUSE_MS = pauseArg ? Number(pauseArg) : 0;
if (!Number.isInteger(PAUSE_MS) || PAUSE_MS < 0)
  throw new Error('BENCH_ROTATE_PAUSE_MS must be an integer >= 0');
const dataDir = mkdtempSync(join(settings.dataParent ?? tmpdir(), 'amtsweg-bench-rotate-'));
const masterKey = randomBytes(32);
process.env.BENCH_MASTER_KEY = masterKey.toString('base64');
process.env.AMTSWEG_DATA_KEY_REFRESH_MS = String(REFRESH_MS);
const children = new Set<Child>();
const failures: string[] = [];

function cleanup(): void {
  for (const child of children) child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
const deadline = setTimeout(() => {
  console.error(`bench: time limit of ${settings.timeLimitSeconds} s exceeded, aborting`);
  cleanup();
  process.exit(2);
}, settings.timeLimitSeconds * 1000);
deadline.unref();

function check(condition: boolean, message: string): void {
  if (condition) console.log(`  ok: ${message}`);
  else {
    failures.push(message);
    console.error(`  FAILED: ${message}`);
  }
}

/** A draft's answers as the demo service has them, about 600 bytes of JSON. */
function answersOf(n: number): string {
  return JSON.stringify({
    halter_name: `Erika Mustermann ${n}`,
    halter_strasse: `Hauptstraße ${n}`,
    halter_plz: '12345',
    halter_ort: 'Musterstadt',
    hund_name: `Bello ${n}`,
    hund_rasse: 'Mischling',
    hund_geburt: '2020-01-01',
    bemerkung: 'x'.repeat(400),
  });
}

async function stepRun(port: number, path: string, token: string, seconds: number) {
  const result = await autocannon({
    url: `http://${HOST}:${port}${path}`,
    connections: settings.connections,
    duration: seconds,
    headers: { cookie: `aw_sid=${token}` },
  });
  return { requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, seconds };
}

async function main(): Promise<void> {
  console.log(
    `bench:rotate-tenant: ${ROWS} drafts, ${settings.seconds} s per step slice, ${settings.connections} connections, ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const server = new Child('amtsweg-server.ts', [
    dataDir,
    '1',
    settings.logLevel,
    join(dataDir, 'tokens.json'),
  ]);
  children.add(server);
  const ready = await server.next('ready');
  const stepPath = String(ready.info.stepPath);
  const stepToken = String(ready.info.stepToken);

  const database = openDatabase({ sqlitePath: join(dataDir, 'amtsweg.sqlite') });
  const db = database.db;
  const tenant = await db
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', TENANT)
    .executeTakeFirstOrThrow();
  const template = await db
    .selectFrom('drafts')
    .select(['service_id', 'service_version_id'])
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirstOrThrow();
  const cipher = createEnvelopeCipher({
    masterKey,
    loadWrappedKey: wrappedKeyLoader(db),
    refreshMs: REFRESH_MS,
  });
  const written = new Map<string, string>();
  for (let start = 0; start < ROWS; start += 500) {
    const rows = [];
    for (let n = start; n < Math.min(ROWS, start + 500); n++) {
      const id = randomUUID();
      written.set(id, answersOf(n));
      rows.push({
        id,
        tenant_id: tenant.id,
        ...template,
        session_hash: `bench-${id}`,
        answers_enc: await cipher.encrypt(tenant.id, answersOf(n), placeAad(tenant.id, 'drafts', id)),
        created_at: '2026-12-01T10:00:00.000Z',
        updated_at: '2026-12-01T10:00:00.000Z',
        expires_at: '2099-01-01T00:00:00.000Z',
        submission_id: null,
      });
    }
    await db.insertInto('drafts').values(rows).execute();
  }

  // (B) the bare loop over the same rows.
  const values = await db
    .selectFrom('drafts')
    .select(['id', 'answers_enc'])
    .where('tenant_id', '=', tenant.id)
    .where('answers_enc', 'like', 'v1.%')
    .execute();
  let started = performance.now();
  for (const row of values) {
    const aad = placeAad(tenant.id, 'drafts', row.id);
    const plain = await cipher.decryptBytes(tenant.id, row.answers_enc, aad);
    await cipher.encryptBytes(tenant.id, plain, aad);
  }
  const bareMs = performance.now() - started;
  const bareRate = values.length / (bareMs / 1000);

  console.log(`  (B) done in ${bareMs.toFixed(0)} ms`);
  // (R) the rotation over them.
  let passesMs = 0;
  started = performance.now();
  const rotation = await rotateTenantKey(
    {
      db,
      dialect: database.dialect,
      cipher,
      now: () => new Date(),
      refreshMs: REFRESH_MS,
      progress: (e) => {
        if ((e.kind === 'waiting' || e.kind === 'retired') && passesMs === 0)
          passesMs = performance.now() - started;
      },
    },
    tenant.id,
  );
  const rotationRate = rotation.reencrypted / (passesMs / 1000);
  check(rotation.reencrypted >= ROWS, `the rotation re-encrypted every draft (${rotation.reencrypted})`);
  check(
    rotation.retired.length === 1,
    `the rotation destroyed the old version (${rotation.retired.join(', ')})`,
  );

  console.log(
    `  (R) done in ${passesMs.toFixed(0)} ms (${(performance.now() - started).toFixed(0)} ms with the wait)`,
  );
  // (S0) / (S1), interleaved.
  const base = { requests: 0, seconds: 0 };
  const during = { requests: 0, seconds: 0, reencrypted: 0, runs: 0 };
  if (settings.warmupSeconds > 0) await stepRun(ready.port, stepPath, stepToken, settings.warmupSeconds);
  for (let slice = 0; slice < 2; slice++) {
    const s0 = await stepRun(ready.port, stepPath, stepToken, settings.seconds);
    check(s0.non2xx === 0 && s0.errors === 0, `(S0) slice ${slice + 1}: every step GET answered 200`);
    base.requests += s0.requests;
    base.seconds += s0.seconds;
    const worker = new Child('rotate-tenant-worker.ts', [dataDir, String(REFRESH_MS), String(PAUSE_MS)]);
    children.add(worker);
    await worker.next('ready');
    console.log(`  slice ${slice + 1}: rotation process started`);
    const s1 = await stepRun(ready.port, stepPath, stepToken, settings.seconds);
    const counted = await worker.request({ type: 'count' }, 'count');
    await worker.stop();
    children.delete(worker);
    check(
      s1.non2xx === 0 && s1.errors === 0,
      `(S1) slice ${slice + 1}: every step GET answered 200 during the rotation`,
    );
    during.requests += s1.requests;
    during.seconds += s1.seconds;
    during.reencrypted += counted.rows;
    during.runs += counted.extra?.runs ?? 0;
  }
  check(during.reencrypted > 0, `a rotation was re-encrypting during (S1): ${during.reencrypted} values`);

  // Everything still reads back, after all those rotations, through a fresh cipher.
  const fresh = createEnvelopeCipher({ masterKey, loadWrappedKey: wrappedKeyLoader(db) });
  let intact = 0;
  for (const row of await db
    .selectFrom('drafts')
    .select(['id', 'answers_enc'])
    .where('tenant_id', '=', tenant.id)
    .execute()) {
    const expected = written.get(row.id);
    if (expected === undefined) continue;
    if ((await fresh.decrypt(tenant.id, row.answers_enc, placeAad(tenant.id, 'drafts', row.id))) === expected)
      intact++;
  }
  check(intact === ROWS, `every draft reads back as written (${intact} of ${ROWS})`);

  const s0Rate = base.requests / base.seconds;
  const s1Rate = during.requests / during.seconds;
  console.log('');
  console.log(`(B)  bare decrypt+encrypt loop:   ${bareRate.toFixed(0)} values/s (${values.length} values)`);
  console.log(
    `(R)  rotateTenantKey:             ${rotationRate.toFixed(0)} values/s (${rotation.reencrypted} values)`,
  );
  console.log(`(S0) step GET without rotation:   ${s0Rate.toFixed(0)} req/s`);
  console.log(
    `(S1) step GET during rotation:    ${s1Rate.toFixed(0)} req/s (--pause-ms ${PAUSE_MS}: ${during.reencrypted} values re-encrypted ` +
      `at ${(during.reencrypted / during.seconds).toFixed(0)}/s, ${during.runs} rotations finished meanwhile)`,
  );
  console.log(`(R)/(B)   = ${(rotationRate / bareRate).toFixed(2)} (goal >= 0.5)`);
  console.log(`(S1)/(S0) = ${(s1Rate / s0Rate).toFixed(2)} (goal >= 0.8)`);
  await database.destroy();
  await server.stop();
  children.delete(server);
}

main()
  .catch((error: unknown) => {
    failures.push(String((error as Error)?.stack ?? error));
    console.error(error);
  })
  .finally(() => {
    cleanup();
    if (failures.length > 0) {
      console.error(`bench:rotate-tenant: ${failures.length} correctness check(s) failed`);
      process.exit(1);
    }
    process.exit(0);
  });
