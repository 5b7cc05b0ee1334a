import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { repoRoot } from '../../../../test/support/app.ts';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { storeFor } from '../../../../test/support/storage/fixtures.ts';
import { importLeikaCatalogue, LeikaCatalogue } from '../../../core/leika/catalogue.ts';
import type { Store } from '../../../core/ports.ts';
import { keyPrefixQuery } from './leika.ts';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'leika', name));
const clockAt = (iso: string) => ({ now: () => new Date(iso) });
const designer = { tenantId: 't', accountId: 'a', roles: ['designer'] } as never;

for (const d of DIALECTS) {
  describe(`LeiKa catalogue on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    before(async () => {
      database = await d.open();
      ({ store } = storeFor(database));
    });
    after(() => database.destroy());

    it('has no catalogue until one is imported', async () => {
      assert.equal(await store.leika.info(), undefined);
      assert.deepEqual(await store.leika.byKeyPrefix('99', 20), []);
      assert.deepEqual(await store.leika.byText('hund', 20), []);
    });

    it('imports the official CSV and finds entries by key prefix, name and synonym', async () => {
      const outcome = await importLeikaCatalogue(
        { store, clock: clockAt('2026-01-01T10:00:00.000Z') },
        fixture('leika-sample.csv'),
        { replace: false },
      );
      assert.equal(outcome.kind, 'imported');
      assert.ok(outcome.kind === 'imported');
      assert.equal(outcome.imported, 43);
      assert.deepEqual(outcome.skipped, [{ line: 45, reason: 'key-malformed', key: 'nicht im LeiKa' }]);
      assert.deepEqual(await store.leika.info(), { importedAt: '2026-01-01T10:00:00.000Z' });

      const byPrefix = await store.leika.byKeyPrefix('99102013', 20);
      assert.deepEqual(
        byPrefix.map((e) => e.key),
        ['99102013000000', '99102013002000', '99102013010000'],
      );
      assert.deepEqual(byPrefix[0], {
        key: '99102013000000',
        name: 'Hundesteuer',
        type: '4',
        synonyms: 'Hundeabgabe',
        published: '2020-06-15',
      });
      // A prefix is bounded by the limit and exact to its digits.
      assert.equal((await store.leika.byKeyPrefix('99', 5)).length, 5);
      assert.deepEqual(await store.leika.byKeyPrefix('991020130000001', 5), []);
      assert.deepEqual((await store.leika.byKeyPrefix('99102013000000', 5)).length, 1);

      // Any case, inside the name; umlauts too.
      assert.deepEqual(
        (await store.leika.byText('HUNDESTEUER fest', 20)).map((e) => e.key),
        ['99102013002000'],
      );
      assert.deepEqual(
        (await store.leika.byText('änderung', 20)).map((e) => e.name),
        ['Wohngeld Änderung'],
      );
      // By synonym.
      assert.deepEqual(
        (await store.leika.byText('hundeabgabe', 20)).map((e) => e.key),
        ['99102013000000'],
      );
      // LIKE's wildcards are plain characters.
      assert.deepEqual(await store.leika.byText('%', 20), []);
      assert.deepEqual(await store.leika.byText('_', 20), []);
      assert.equal((await store.leika.byText('hund', 3)).length, 3);

      const names = await new LeikaCatalogue({ store }).names([
        '99115003012000',
        '99999999999999',
        undefined,
      ]);
      assert.deepEqual([...names], [['99115003012000', 'amtliche Meldebestätigung Ausstellung']]);
    });

    it('refuses a second import without replace and replaces atomically with it', async () => {
      const deps = { store, clock: clockAt('2026-02-01T10:00:00.000Z') };
      const refused = await importLeikaCatalogue(deps, fixture('leika-sample-windows-1252.csv'), {
        replace: false,
      });
      assert.deepEqual(refused, { kind: 'exists', importedAt: '2026-01-01T10:00:00.000Z' });
      assert.equal((await store.leika.byKeyPrefix('99102013', 20)).length, 3, 'nothing changed');

      const replaced = await importLeikaCatalogue(deps, fixture('leika-sample-windows-1252.csv'), {
        replace: true,
      });
      assert.ok(replaced.kind === 'imported');
      assert.equal(replaced.encoding, 'windows-1252');
      assert.equal(replaced.replaced, '2026-01-01T10:00:00.000Z');
      assert.deepEqual(await store.leika.byKeyPrefix('99102013', 20), [], 'the old entries are gone');
      assert.deepEqual(
        (await store.leika.byKeyPrefix('99107023011', 20)).map((e) => e.name),
        ['Wohngeld Änderung'],
      );
      assert.deepEqual(await store.leika.info(), { importedAt: '2026-02-01T10:00:00.000Z' });
    });

    it('changes nothing for a file that is not a LeiKa CSV or has no valid row', async () => {
      const deps = { store, clock: clockAt('2026-03-01T10:00:00.000Z') };
      const wrong = await importLeikaCatalogue(deps, Buffer.from('a;b;c\n1;2;3\n'), { replace: true });
      assert.equal(wrong.kind, 'not-leika');
      const header = fixture('leika-sample.csv').toString('utf8').split('\n')[0];
      const empty = await importLeikaCatalogue(deps, Buffer.from(`${header}\n123;;;;;Zu kurz;;1;;;\n`), {
        replace: true,
      });
      assert.deepEqual(empty, { kind: 'empty', skipped: [{ line: 2, reason: 'key-malformed', key: '123' }] });
      assert.deepEqual(await store.leika.info(), { importedAt: '2026-02-01T10:00:00.000Z' });
    });

    it('answers a key prefix from the primary key index, not a scan', async () => {
      const query = keyPrefixQuery(database.db, '99102', 21).compile();
      const plan = await database.db.connection().execute(async (connection) => {
        if (database.dialect === 'sqlite') {
          const result = await connection.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
          );
          return result.rows.map((r) => r.detail).join('\n');
        }
        // A handful of rows would be read sequentially anyway: ask whether the index can serve it.
        await sql`set enable_seqscan = off`.execute(connection);
        try {
          const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(
            CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
          );
          return result.rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await sql`set enable_seqscan = on`.execute(connection);
        }
      });
      if (database.dialect === 'sqlite')
        assert.match(plan, /SEARCH leika_entries USING INDEX .*\(key>\? AND key<\?\)/);
      else assert.match(plan, /Index Scan using leika_entries_pkey/);
      assert.doesNotMatch(plan, /SCAN leika_entries$|Seq Scan/m);
    });

    it('searches only for designers, and says when no catalogue was imported', async () => {
      const catalogue = new LeikaCatalogue({ store });
      await assert.rejects(
        catalogue.search({ tenantId: 't', accountId: 'a', roles: ['caseworker'] } as never, 'wohn'),
        { name: 'ForbiddenError' },
      );
      const found = await catalogue.search(designer, '  wohngeld ');
      assert.equal(found.query, 'wohngeld');
      assert.equal(found.matches.length, 5);
      assert.equal(found.more, false);
      const byKey = await catalogue.search(designer, '99107 023');
      assert.equal(byKey.matches.length, 5);
      await store.leika.replace([], '2026-04-01T00:00:00.000Z');
      const none = await catalogue.search(designer, 'wohngeld');
      assert.equal(none.catalogue, undefined);
      assert.deepEqual(none.matches, []);
    });
  });
}
