/**
 * Server child for scenarios (2) and (3): the real Amtsweg app (createApp + demo seed) on a fresh
 * SQLite file, listening on loopback. Before it listens it prepares, through the engine and the
 * store, N complete drafts of the demo service (each with its own browser session) and one draft
 * with only the first step answered; the session tokens and CSRF tokens go to a file for the
 * orchestrator.
 *
 * Usage (forked by submit-and-step.ts):
 *   amtsweg-server.ts <dataDir> <drafts> <logLevel> <tokensFile> [protected|unprotected|channels]
 * `channels` is the protected app with two delivery channels switched on for the demo service
 * (e-mail and webhook, bench/delivery-channels.ts): each submit also writes two outbox rows, which
 * nothing delivers here (no jobs run). `unprotected` builds the same app with its request protections off (`benchmarkWithoutProtections`:
 * signed sessions, no-store) and its slow-client protections lifted (connection bound, timeouts),
 * to measure what they cost; nothing else can build it. The bounds on rule evaluation are part of
 * the engine and stay on.
 */

import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { createArgon2Hasher } from '../src/adapters/security/argon2-hasher.ts';
import { tokens } from '../src/adapters/security/tokens.ts';
import { createApp, createLogger } from '../src/app.ts';
import { seedDemo } from '../src/cli/demo-seed.ts';
import { loadConfig } from '../src/config.ts';
import { draftsRetention } from '../src/core/settings/drafts-retention.ts';
import type { Answers } from '../src/definition/types.ts';
import { sessionCookieValue } from '../src/web/browser-session.ts';
import { csrfToken } from '../src/web/request-context.ts';
import { exitWithParent, HOST, repoRoot, SERVICE, TENANT, type ToChild, toParent } from './common.ts';
import { configureChannels, switchOffDemoDelivery } from './delivery-channels.ts';
import { rawInputForStep } from './hund-anmelden.ts';
import { startProfile, stopProfile } from './profiler.ts';

exitWithParent();

const [dataDir = '', draftsArg = '', logLevel = '', tokensFile = '', mode = 'protected'] =
  process.argv.slice(2);
if (
  !dataDir ||
  !draftsArg ||
  !logLevel ||
  !tokensFile ||
  !['protected', 'unprotected', 'channels'].includes(mode)
)
  throw new Error('usage: <dataDir> <drafts> <logLevel> <tokensFile> [protected|unprotected|channels]');
const draftCount = Number(draftsArg);

async function main(): Promise<void> {
  // `bench:rotate-tenant` rotates a data key from another process, which needs the same key.
  const masterKey = process.env.BENCH_MASTER_KEY
    ? Buffer.from(process.env.BENCH_MASTER_KEY, 'base64')
    : randomBytes(32);
  // Unprotected also lifts the slow-client protections (ADR 0027): no bound on connections per
  // client and timeouts too long to matter, as before they existed.
  const unprotected =
    mode === 'unprotected'
      ? {
          AMTSWEG_MAX_CONNECTIONS_PER_CLIENT: '0',
          AMTSWEG_REQUEST_TIMEOUT_MS: String(2 ** 31 - 1),
          AMTSWEG_HEADERS_TIMEOUT_MS: String(2 ** 31 - 1),
          AMTSWEG_IDLE_TIMEOUT_MS: String(2 ** 31 - 1),
          AMTSWEG_KEEP_ALIVE_TIMEOUT_MS: '72000',
        }
      : {};
  const config = loadConfig({
    AMTSWEG_DATA_DIR: dataDir,
    LOG_LEVEL: logLevel,
    PORT: '0',
    HOST,
    AMTSWEG_DATA_KEY_REFRESH_MS: process.env.AMTSWEG_DATA_KEY_REFRESH_MS,
    ...unprotected,
  });
  // Cheap argon2 only for seeding the demo accounts; no staff login happens in the bench.
  const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
  const app = await createApp({
    config,
    masterKey,
    passwords,
    jobs: false,
    logger: createLogger(logLevel),
    benchmarkWithoutProtections: mode === 'unprotected',
  });
  await seedDemo({
    store: app.store,
    clock: app.clock,
    passwords,
    codeLists: app.codeLists,
    definitionsDir: join(repoRoot, 'definitions'),
    credentialsFile: join(dataDir, 'demo-credentials.json'),
  });
  if (mode === 'channels')
    await configureChannels(app, TENANT, SERVICE, 'https://fachverfahren.example/eingang', { email: true });
  // (2) and (2u) are the submit without channels; the demo seed reports every service by e-mail.
  else await switchOffDemoDelivery(app, TENANT, SERVICE);
  const db = app.database.db;

  // The app's own keys; the orchestrator cross-checks tokens against the `_csrf` fields the app
  // renders, so a drift here fails the bench instead of measuring 403s.
  const { security } = app;
  const apps = app.applications;
  const service = await apps.service(TENANT, SERVICE);
  const { model } = service;
  const engineContext = apps.engineContext();

  /** Walks the journey like a citizen: every applicable step in order, validated by the engine. */
  const completeAnswers = (i: number): Answers => {
    let answers: Answers = {};
    let step = model.applicableSteps(answers)[0];
    while (step) {
      const result = model.submitStep(step.id, rawInputForStep(step, i), answers, engineContext);
      if (result.errors.length > 0) {
        throw new Error(`bench input for step ${step.id} is invalid: ${JSON.stringify(result.errors)}`);
      }
      answers = result.answers;
      step = model.nextStep(step.id, answers);
    }
    const final = model.finalize(answers, engineContext);
    if (final.errors.length > 0)
      throw new Error(`bench draft is incomplete: ${JSON.stringify(final.errors)}`);
    return answers;
  };

  /** A draft of its own browser session; `cookie` is the session cookie's value as the app sets it. */
  const createDraft = async (answers: Answers): Promise<{ cookie: string; csrf: string }> => {
    const id = tokens.newToken();
    const now = app.clock.now();
    const expiresAt = now.getTime() + draftsRetention.defaults.days * 24 * 60 * 60 * 1000;
    await app.store.drafts.create({
      // Draft ids as the app makes them (time-ordered), so the table looks like production's.
      id: uuidv7(),
      tenantId: service.tenant.id,
      serviceId: service.version.serviceId,
      serviceVersionId: service.version.id,
      sessionHash: tokens.hash(id),
      answers,
      createdAt: now.toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    });
    return { cookie: sessionCookieValue(security, id, expiresAt), csrf: csrfToken(security, 'citizen', id) };
  };

  // Preparation only: no fsync per prepared draft (it would take minutes). synchronous is set back
  // to FULL and checked before the server listens, so every timed commit is durable as in production.
  await sql`PRAGMA synchronous = OFF`.execute(db);
  const started = performance.now();
  // Several creates in flight at once, so a store that batches commits can batch them (it
  // serializes them on its one SQLite connection either way).
  const lines: string[] = [];
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < draftCount) {
      const { cookie, csrf } = await createDraft(completeAnswers(nextIndex++));
      lines.push(`${cookie}\t${csrf}\n`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  writeFileSync(tokensFile, lines.join(''));

  // The draft for the step GET: first step answered, currently on the second step.
  const first = model.applicableSteps({})[0];
  if (!first) throw new Error('the demo service has no step');
  const firstResult = model.submitStep(first.id, rawInputForStep(first, draftCount), {}, engineContext);
  if (firstResult.errors.length > 0) throw new Error(`bench input for step ${first.id} is invalid`);
  const second = model.nextStep(first.id, firstResult.answers);
  if (!second) throw new Error('the demo service needs at least two steps for the step GET scenario');
  const stepDraft = await createDraft(firstResult.answers);
  const prepareMs = performance.now() - started;
  const [row] = (await sql<{ n: number }>`SELECT count(*) AS n FROM drafts`.execute(db)).rows;
  if (row?.n !== draftCount + 1) throw new Error(`expected ${draftCount + 1} drafts, found ${row?.n}`);

  await sql`PRAGMA synchronous = FULL`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  const pragma = async (name: string) =>
    Object.values((await sql.raw(`PRAGMA ${name}`).execute(db)).rows[0] as Record<string, unknown>)[0];
  const synchronous = await pragma('synchronous');
  const journalMode = await pragma('journal_mode');
  if (synchronous !== 2 || journalMode !== 'wal') {
    throw new Error(
      `expected synchronous=2 (FULL) and journal_mode=wal, got ${synchronous} and ${journalMode}`,
    );
  }

  process.on('message', async (raw) => {
    const message = raw as ToChild;
    try {
      if (message.type === 'cpu') {
        const used = process.cpuUsage();
        toParent({ type: 'cpu', micros: used.user + used.system });
      } else if (message.type === 'count') {
        const count = async (query: string) =>
          Number(
            (Object.values((await sql.raw(query).execute(db)).rows[0] as object)[0] as number | bigint) ?? 0,
          );
        toParent({
          type: 'count',
          rows: await count('SELECT count(*) FROM submissions'),
          extra: {
            submittedDrafts: await count('SELECT count(*) FROM drafts WHERE submission_id IS NOT NULL'),
            drafts: await count('SELECT count(*) FROM drafts'),
            // The two channels' rows (an applicant's confirmation adds its own where an address was given).
            outbox: await count("SELECT count(*) FROM delivery_outbox WHERE channel IN ('email', 'webhook')"),
          },
        });
      } else if (message.type === 'profile-start') {
        await startProfile();
        toParent({ type: 'profile-started' });
      } else if (message.type === 'profile-stop') {
        await stopProfile(message.file);
        toParent({ type: 'profile-stopped', file: message.file });
      } else if (message.type === 'shutdown') {
        await app.close();
        process.exit(0);
      }
    } catch (error) {
      toParent({ type: 'error', message: String(error) });
    }
  });

  await app.server.listen({ host: HOST, port: 0 });
  const address = app.server.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  toParent({
    type: 'ready',
    port: address.port,
    info: {
      drafts: draftCount,
      prepareMs: Math.round(prepareMs),
      stepPath: `/${TENANT}/${SERVICE}/schritt/${second.id}`,
      stepToken: stepDraft.cookie,
      stepCsrf: stepDraft.csrf,
      steps: model.steps.map((s) => s.id),
      sqlite: { synchronous: 'FULL', journalMode },
      serviceVersion: service.version.version,
      protections: app.security.protect,
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  toParent({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
  process.exit(1);
});
