/**
 * Catalog search over 10,000 entries (ADR 0043) against a bare indexed query for the same rows
 * through the same database driver, in one run: `npm run bench:catalog`.
 *
 * Set-up, once per database: a fresh one, migrated — SQLite in a temporary directory, then
 * PostgreSQL in a new schema (dropped afterwards) of `BENCH_DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`); `BENCH_DIALECTS=sqlite` or `=postgres` runs one only; 100 municipalities with 100 services each, every one
 * offered with generated titles and topics from a vocabulary of 120 words, so a word matches about
 * 1–3 % of the entries, as names of services do. Entries and their terms are inserted in batches
 * (preparation, not measured); the terms are the ones offering computes (`entryTerms`).
 *
 * Measured, alternating per query so load changes hit both alike: (a) `store.catalog.search` with
 * the query's words, as the catalog page calls it (terms lookup, the rows with provider and the "in
 * Betrieb" counts, at most 50); (b) the bare reference: the same rows fetched by primary key
 * (`select * from catalog_entries where id in (…)`). Target: p99 of (a) ≤ 3 × p99 of (b).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Insertable, sql } from 'kysely';
import pg from 'pg';
import { createEnvelopeCipher } from '../src/adapters/crypto/envelope.ts';
import { type Database, openDatabase } from '../src/adapters/storage/dialect/database.ts';
import { migrate } from '../src/adapters/storage/dialect/migrate.ts';
import type { DB } from '../src/adapters/storage/dialect/schema.ts';
import { wrappedKeyLoader } from '../src/adapters/storage/repositories/tenants.ts';
import { createStore } from '../src/adapters/storage/store.ts';
import { entryTerms, queryTerms } from '../src/core/catalog-terms.ts';

const ENTRIES = 10_000;
const TENANTS = 100;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 3000);
const WORDS = [
  ...'Hund Katze Pferd Fischerei Jagd Waffen Abfall Sperrmüll Biotonne Wertstoff Container Parken Bewohner Anwohner Baustelle Sondernutzung Straße Veranstaltung Markt Fest Umzug Wohnsitz Meldung Ausweis Pass Führerschein Fahrzeug Zulassung Kennzeichen Gewerbe Gaststätte Erlaubnis Anzeige Antrag Bescheinigung Beglaubigung Urkunde Geburt Ehe Sterbefall Namensänderung Kita Schule Hort Ferien Betreuung Zuschuss Förderung Wohngeld Grundsteuer Hundesteuer Zweitwohnung Spielhalle Vergnügung Friedhof Grab Bestattung Baum Fällung Garten Kleingarten Brunnen Wasser Abwasser Kanal Hausnummer Grundstück Vermessung Bauantrag Abriss Solar Denkmal Lärm Feuerwerk Plakat Werbung Sammlung Spende Verein Ehrenamt Sport Halle Bad Bibliothek Museum Musikschule Volkshochschule Kurs Jugend Senioren Pflege Inklusion Integration Sprachkurs Einbürgerung Aufenthalt Visum Wahl Briefwahl Helfer Schöffe Fundsache Fundtier Tierheim Taube Ratte Schädling Winterdienst Reinigung Laub Glas Papier Elektro Schrott Reifen Sondermüll Chemikalien Batterie Öl Holz Grünschnitt Kompost Miete Wohnung Obdach Notunterkunft'.split(
    ' ',
  ),
];
const LAENDER = ['Niedersachsen', 'Bayern', 'Hessen', 'Sachsen', 'Thüringen', 'Brandenburg'];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
for (const d of DIALECTS) {
  if (d !== 'sqlite' && d !== 'postgres')
    throw new Error(`BENCH_DIALECTS may list sqlite and postgres, got "${d}"`);
}

/** A fresh SQLite file in a temporary directory, removed afterwards. */
async function onSqlite(run: (database: Database) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-bench-catalog-'));
  const database = openDatabase({ sqlitePath: join(dir, 'amtsweg.db') });
  try {
    await run(database);
  } finally {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh PostgreSQL schema, dropped afterwards: the bench never touches existing tables. */
async function onPostgres(run: (database: Database) => Promise<void>): Promise<void> {
  const admin = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const database = openDatabase({ databaseUrl: DATABASE_URL, schema });
  try {
    await run(database);
  } finally {
    await database.destroy();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

async function measure(database: Database): Promise<number> {
  await migrate(database.db, database.dialect);
  const db = database.db;
  const cipher = createEnvelopeCipher({ masterKey: randomBytes(32), loadWrappedKey: wrappedKeyLoader(db) });
  const store = createStore(db, database.dialect, cipher);
  const now = new Date().toISOString();
  let seed = 1;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };

  // Preparation: municipalities, services and their entries with terms, in batches.
  const tenants = Array.from({ length: TENANTS }, (_, i) => ({ id: randomUUID(), slug: `kommune-${i}` }));
  for (const tenant of tenants) {
    await store.tenants.create({
      id: tenant.id,
      slug: tenant.slug,
      name: { de: `Kommune ${tenant.slug}` },
      ags: null,
    });
  }
  const started = performance.now();
  for (let batch = 0; batch < ENTRIES; batch += 500) {
    const services: Array<Insertable<DB['services']>> = [];
    const entries: Array<Insertable<DB['catalog_entries']>> = [];
    const terms: Array<{ term: string; entry_id: string; updated_at: string }> = [];
    for (let i = batch; i < Math.min(ENTRIES, batch + 500); i++) {
      const tenant = tenants[i % TENANTS]!;
      const serviceId = randomUUID();
      const slug = `leistung-${i}`;
      const title = `${pick(WORDS, next())} ${pick(WORDS, next())} ${pick(['anmelden', 'beantragen', 'melden', 'abmelden'], next())}`;
      const topic = pick(WORDS, next());
      const land = pick(LAENDER, next());
      const leika = String(99_000_000_000_000 + i * 7919);
      const id = randomUUID();
      const updatedAt = new Date(Date.parse(now) + i).toISOString();
      services.push({ id: serviceId, tenant_id: tenant.id, slug, created_at: now, withdrawn_at: null });
      entries.push({
        id,
        tenant_id: tenant.id,
        service_id: serviceId,
        slug,
        title_json: JSON.stringify({ de: title }),
        leika,
        topic,
        land,
        description: `Beschreibung von ${title}`,
        licence: 'EUPL-1.2',
        contact: 'Service-Design',
        experience: '',
        offered_by: 'bench',
        offered_at: now,
        updated_at: updatedAt,
      });
      for (const term of entryTerms([title, slug, leika, topic, land, `Kommune ${tenant.slug}`])) {
        terms.push({ term, entry_id: id, updated_at: updatedAt });
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('services').values(services).execute();
      await trx.insertInto('catalog_entries').values(entries).execute();
      for (let i = 0; i < terms.length; i += 1000) {
        await trx
          .insertInto('catalog_terms')
          .values(terms.slice(i, i + 1000))
          .execute();
      }
    });
  }
  // Statistics as a database in use has them, so the planner picks the term index.
  await sql`analyze`.execute(db);
  console.log(
    `${database.dialect}: ${ENTRIES} entries of ${TENANTS} municipalities prepared in ${Math.round(performance.now() - started)} ms`,
  );

  // The queries designers type: one word, a word prefix, two words, a LeiKa prefix.
  const queries = Array.from({ length: 200 }, (_, i) => {
    const word = pick(WORDS, next()).toLowerCase();
    switch (i % 4) {
      case 0:
        return word;
      case 1:
        return word.slice(0, Math.max(3, word.length - 2));
      case 2:
        return `${word} ${pick(LAENDER, next())}`;
      default:
        return `${pick(WORDS, next())} anmelden`;
    }
  });
  const search: number[] = [];
  const bare: number[] = [];
  let rows = 0;
  for (let i = 0; i < ITERATIONS + 200; i++) {
    const query = queries[i % queries.length]!;
    let t0 = performance.now();
    const found = await store.catalog.search(queryTerms(query), 50);
    const searchMs = performance.now() - t0;
    const ids = found.map((e) => e.id);
    t0 = performance.now();
    if (ids.length > 0) await db.selectFrom('catalog_entries').selectAll().where('id', 'in', ids).execute();
    const bareMs = performance.now() - t0;
    // The first 200 warm caches and JIT; not counted.
    if (i >= 200) {
      search.push(searchMs);
      bare.push(bareMs);
      rows += ids.length;
    }
  }
  search.sort((x, y) => x - y);
  bare.sort((x, y) => x - y);
  const p99Search = percentile(search, 99);
  const p99Bare = percentile(bare, 99);
  const f = (ms: number) => ms.toFixed(3);
  console.log(`queries: ${ITERATIONS}, rows per search on average: ${(rows / ITERATIONS).toFixed(1)}`);
  console.log(`(a) catalog search     p50 ${f(percentile(search, 50))} ms   p99 ${f(p99Search)} ms`);
  console.log(`(b) bare indexed query p50 ${f(percentile(bare, 50))} ms   p99 ${f(p99Bare)} ms`);
  const ratio = p99Search / p99Bare;
  console.log(`p99 ratio (a)/(b): ${ratio.toFixed(2)} (target ≤ 3): ${ratio <= 3 ? 'met' : 'MISSED'}`);
  return ratio;
}

const ratios: string[] = [];
for (const dialect of DIALECTS) {
  await (dialect === 'sqlite' ? onSqlite : onPostgres)(async (database) => {
    ratios.push(`${dialect} ${(await measure(database)).toFixed(2)}`);
  });
}
console.log(`p99 ratios: ${ratios.join(', ')}`);
