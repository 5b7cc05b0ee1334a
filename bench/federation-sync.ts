/**
 * Synchronising 1,000 packages from another installation (ADR 0054) against verifying their 1,000
 * signatures and inserting them with bare statements, in one run: `npm run bench:federation`.
 *
 * Set-up (not measured): an origin on a fresh SQLite database whose feed holds 1,000 versions of
 * "Hund anmelden" (`definitions/musterstadt/hund-anmelden.json`) as sealed packages of 50
 * services, served by the real feed route over loopback; a subscriber on another fresh SQLite
 * database with a subscription pinning the origin's key.
 *
 * Measured, each `ROUNDS` times, alternating: (a) `Federation.syncAll()` from the first entry —
 * the instance description, 10 feed pages over HTTP, every entry checked (signature, package
 * schema, content hash computed again, the definition's shape, replay) and each page imported in one
 * transaction; (b) the reference: the same 1,000 JWS (already in memory) verified with the same
 * key and their payloads inserted into `remote_versions` with one prepared statement in one
 * transaction. Between rounds the subscriber's received rows and cursor are deleted.
 * Target: median (a) ≤ 3 × median (b).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { createEnvelopeCipher } from '../src/adapters/crypto/envelope.ts';
import { federationKeyWrapping } from '../src/adapters/crypto/federation-key-wrapping.ts';
import { masterKeys } from '../src/adapters/crypto/key-wrapping.ts';
import { createHttpFetcher } from '../src/adapters/federation/http-fetcher.ts';
import { openDatabase } from '../src/adapters/storage/dialect/database.ts';
import { migrate } from '../src/adapters/storage/dialect/migrate.ts';
import { wrappedKeyLoader } from '../src/adapters/storage/repositories/tenants.ts';
import { createStore } from '../src/adapters/storage/store.ts';
import { FederationFeed } from '../src/core/federation/feed.ts';
import { ENTRY_TYPE, type FeedPage } from '../src/core/federation/format.ts';
import { InstanceKeys } from '../src/core/federation/instance-keys.ts';
import { verify } from '../src/core/federation/signatures.ts';
import { Federation } from '../src/core/federation/subscriptions.ts';
import { ServicePackages, sealPackage } from '../src/core/service-package.ts';
import { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION } from '../src/definition/package/format.ts';
import { registerFederationFeedRoutes } from '../src/web/routes/federation-feed.ts';

const PACKAGES = 1000;
const SERVICES = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const clock = { now: () => new Date() };
const definition = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'definitions', 'musterstadt', 'hund-anmelden.json'), 'utf8'),
);

function storeOn(path: string, masterKey: Buffer) {
  const database = openDatabase({ sqlitePath: path });
  const cipher = createEnvelopeCipher({ masterKey, loadWrappedKey: wrappedKeyLoader(database.db) });
  return { database, store: createStore(database.db, database.dialect, cipher, { clock }) };
}

/** What the reference reads of a verified payload. */
interface Signed {
  entry: { id: string };
  package: { contentHash: string; definition: unknown; provenance: { version: number; publishedAt: string } };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'amtsweg-bench-federation-'));
try {
  const masterKey = randomBytes(32);
  const origin = storeOn(join(dir, 'origin.db'), masterKey);
  await migrate(origin.database.db, origin.database.dialect);
  const keys = new InstanceKeys({
    store: origin.store,
    clock,
    wrapping: federationKeyWrapping(masterKeys(masterKey)),
  });
  await keys.ensure();
  const items = [];
  for (let i = 0; i < PACKAGES; i++) {
    const service = i % SERVICES;
    const version = Math.floor(i / SERVICES) + 1;
    const pkg = sealPackage({
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      exportedAt: clock.now().toISOString(),
      provenance: {
        municipality: { slug: 'musterstadt', name: 'Musterstadt' },
        service: definition.id,
        version,
        publishedAt: clock.now().toISOString(),
        attribution: ['Musterstadt'],
      },
      definition: { ...definition, summary: { de: `Fassung ${version} von Dienst ${service}` } },
      codeLists: [],
      assets: [],
    });
    items.push({
      versionId: randomUUID(),
      entryId: `entry-${service}`,
      version,
      contentHash: pkg.contentHash,
      packageJson: JSON.stringify(pkg),
      entry: {
        id: `entry-${service}`,
        slug: `hund-${service}`,
        title: { de: `Hund anmelden ${service}` },
        leika: null,
        topic: 'Tiere',
        land: 'Niedersachsen',
        description: 'Beschreibung',
        licence: 'EUPL-1.2',
        contact: 'amt@example.de',
        provider: 'Musterstadt',
        offeredAt: clock.now().toISOString(),
      },
      addedAt: clock.now().toISOString(),
    });
  }
  await origin.store.federation.appendToFeed(items);
  const server = Fastify({ logger: false, bodyLimit: 1024 });
  const identity = { name: 'Origin', operator: 'Bench', url: '' };
  const feed = new FederationFeed({
    store: origin.store,
    clock,
    keys,
    // Nothing new to package: the feed already holds every version.
    packages: new ServicePackages({ store: origin.store, clock, newId: uuidv7 }),
    identity,
  });
  registerFederationFeedRoutes(server, feed);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  identity.url = address;
  const current = await keys.current();

  const subscriber = storeOn(join(dir, 'subscriber.db'), masterKey);
  await migrate(subscriber.database.db, subscriber.database.dialect);
  const subscriptionId = randomUUID();
  await subscriber.database.db
    .insertInto('tenants')
    .values({
      id: 'bench',
      slug: 'bench',
      name_de: 'Bench',
      name_en: null,
      ags: null,
      wrapped_data_key: 'x',
      data_key_version: 1,
      created_at: clock.now().toISOString(),
    } as never)
    .execute();
  await subscriber.store.federation.subscribe(
    {
      id: subscriptionId,
      feedUrl: `${address}/katalog/feed`,
      instanceUrl: `${address}/.well-known/amtsweg/instance`,
      name: 'Origin',
      operator: 'Bench',
      cursor: null,
      status: 'new',
      report: null,
      lastSyncAt: null,
      createdBy: 'bench',
      createdAt: clock.now().toISOString(),
    },
    { kid: current.kid, publicJwk: current.publicJwk, addedAt: clock.now().toISOString(), retiredAt: null },
    {
      tenantId: 'bench',
      actorType: 'operator',
      actorId: null,
      action: 'bench',
      subjectType: 'bench',
      subjectId: 'bench',
    },
  );
  const federation = new Federation({
    store: subscriber.store,
    clock,
    newId: uuidv7,
    fetcher: createHttpFetcher({ allowPrivate: true, timeoutMs: 60_000, maxBytes: 64 * 1024 * 1024 }),
    adminTenant: undefined,
  });

  // The reference's input: the same signed entries, fetched once (not measured).
  const jws: string[] = [];
  for (let cursor: string | null = null, first = true; first || cursor !== null; first = false) {
    const page = (await (
      await fetch(`${address}/katalog/feed${cursor ? `?cursor=${cursor}` : ''}`)
    ).json()) as FeedPage;
    jws.push(...page.entries.map((e) => e.jws));
    cursor = page.next;
  }
  if (jws.length !== PACKAGES) throw new Error(`expected ${PACKAGES} entries, got ${jws.length}`);
  const bare = new Database(join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.exec(
    'create table remote_versions (id text primary key, entry_id text not null, version integer not null, definition_json text not null, content_hash text not null, published_at text not null, received_at text not null, unique (entry_id, version))',
  );
  const insert = bare.prepare('insert into remote_versions values (?, ?, ?, ?, ?, ?, ?)');

  const reset = async () => {
    const db = subscriber.database.db;
    await db.deleteFrom('remote_versions').execute();
    await db.deleteFrom('remote_entries').execute();
    await db.updateTable('federation_subscriptions').set({ cursor: null }).execute();
    bare.exec('delete from remote_versions');
  };

  const syncTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await reset();
    let start = performance.now();
    const [result] = await federation.syncAll();
    syncTimes.push(performance.now() - start);
    if (result?.report.kind !== 'ok' || result.report.imported !== PACKAGES)
      throw new Error(`sync did not import everything: ${JSON.stringify(result?.report)}`);

    start = performance.now();
    const payloads: Signed[] = [];
    for (const j of jws) payloads.push((await verify(j, current.publicJwk, ENTRY_TYPE)) as Signed);
    const at = clock.now().toISOString();
    bare.transaction(() => {
      for (const p of payloads)
        insert.run(
          randomUUID(),
          p.entry.id,
          p.package.provenance.version,
          JSON.stringify(p.package.definition),
          p.package.contentHash,
          p.package.provenance.publishedAt,
          at,
        );
    })();
    bareTimes.push(performance.now() - start);
  }
  const a = median(syncTimes);
  const b = median(bareTimes);
  console.log(`federation sync of ${PACKAGES} packages (SQLite, ${ROUNDS} rounds, medians)`);
  console.log(
    `(a) Federation.syncAll: ${a.toFixed(0)} ms  [${syncTimes.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(
    `(b) verify + bare insert: ${b.toFixed(0)} ms  [${bareTimes.map((t) => t.toFixed(0)).join(', ')}]`,
  );
  console.log(`ratio (a)/(b): ${(a / b).toFixed(2)} (target ≤ 3)`);
  bare.close();
  await server.close();
  await origin.store.close();
  await subscriber.store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
