/**
 * Starts the real Amtsweg app for HTTP and browser tests: a fresh database of the given dialect,
 * a random master key, the demo municipalities and accounts, and cheap argon2 parameters so the
 * suite stays fast (production uses the library defaults).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createArgon2Hasher } from '../../src/adapters/security/argon2-hasher.ts';
import type { HashingLimits } from '../../src/adapters/security/bounded-hasher.ts';
import { type App, createApp, createLogger } from '../../src/app.ts';
import { type DemoCredential, seedDemo } from '../../src/cli/demo-seed.ts';
import { loadConfig } from '../../src/config.ts';
import type { Clock, PasswordHasher } from '../../src/core/ports.ts';
import type { DialectUnderTest, TestDatabase } from './databases.ts';
import { type InstanceProcess, startInstanceProcess } from './instance-process.ts';

export interface TestApp {
  app: App;
  database: TestDatabase;
  credentials: DemoCredential[];
  masterKey: Buffer;
  dataDir: string;
  /** Everything the app logged, as text (to prove no personal data reaches the logs). */
  logs(): string;
  /** A second app instance in its own process on the same database, as in production. */
  secondInstance(env?: Record<string, string>): Promise<InstanceProcess>;
  close(): Promise<void>;
}

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface TestAppOptions {
  clock?: Clock;
  baseUrl?: string;
  /** More environment for `loadConfig` (e.g. `AMTSWEG_TRUSTED_PROXIES`). */
  env?: Record<string, string>;
  /** Wraps the cheap test hasher (e.g. to count or hold hashes). */
  passwords?: (cheap: PasswordHasher) => PasswordHasher;
  hashing?: HashingLimits;
  /** Seal receipts with generated demo certificates (default true, as in the demo; ADR 0032). */
  demoSeals?: boolean;
}

export async function startTestApp(
  dialect: DialectUnderTest,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await dialect.open();
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-app-'));
  const masterKey = randomBytes(32);
  const config = loadConfig({
    AMTSWEG_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...(options.baseUrl ? { AMTSWEG_BASE_URL: options.baseUrl } : {}),
    ...options.env,
  });
  let logText = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
  const app = await createApp({
    config,
    masterKey,
    passwords: options.passwords ? options.passwords(passwords) : passwords,
    ...(options.hashing ? { hashing: options.hashing } : {}),
    jobs: false,
    // Like the demo: each municipality seals its receipts with a generated self-signed certificate.
    demoSeals: options.demoSeals ?? true,
    database,
    logger: createLogger('info', sink),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const seeded = await seedDemo({
    store: app.store,
    clock: app.clock,
    passwords,
    codeLists: app.codeLists,
    definitionsDir: join(repoRoot, 'definitions'),
    credentialsFile: join(dataDir, 'demo-credentials.json'),
  });
  const others: InstanceProcess[] = [];
  return {
    app,
    database,
    credentials: seeded.credentials,
    masterKey,
    dataDir,
    logs: () => logText,
    async secondInstance(env) {
      const other = await startInstanceProcess(database.config, masterKey, env);
      others.push(other);
      return other;
    },
    async close() {
      for (const other of others) await other.stop();
      // app.close() destroys the database connection; the test database then drops its schema/file.
      await app.server.close();
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
