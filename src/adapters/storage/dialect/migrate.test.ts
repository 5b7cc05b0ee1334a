import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { TEST_MASTER_KEY } from '../../../../test/support/storage/fixtures.ts';
import { startWorkers } from '../../../../test/support/storage/workers.ts';
import { ConfigError } from '../../../core/errors.ts';
import { openDatabase } from './database.ts';
import { dialectOf, migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

const ALL = Object.keys(MIGRATIONS);

for (const d of DIALECTS) {
  describe(`migrations on ${d.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await d.open({ migrate: false });
    });
    after(() => database.destroy());

    it('applies every migration once; a second run is a no-op', async () => {
      assert.equal(dialectOf(database.db), d.name);
      assert.deepEqual(await migrate(database.db), ALL);
      assert.deepEqual(await migrate(database.db), []);
      const tables = (await database.db.introspection.getTables()).map((t) => t.name);
      for (const table of ['tenants', 'submissions', 'audit_events', 'drafts'])
        assert.ok(tables.includes(table), table);
    });

    it('configures the connection as documented', async () => {
      if (d.name === 'sqlite') {
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
        assert.equal(String(await pragma('journal_mode')), 'wal');
        assert.equal(Number(await pragma('synchronous')), 2);
        assert.equal(Number(await pragma('foreign_keys')), 1);
        assert.equal(Number(await pragma('busy_timeout')), 5000);
      } else {
        const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
        assert.equal(rows[0]?.s, database.schema);
      }
    });
  });

  describe(`concurrent migrations on ${d.name}`, () => {
    it('several instances migrating one database at once apply each migration exactly once', async () => {
      const database = await d.open({ migrate: false });
      try {
        let outcomes: unknown[];
        if (d.name === 'sqlite') {
          // Threads with their own connection, as separate processes would be.
          const pool = await startWorkers(4, { config: database.config, masterKey: TEST_MASTER_KEY });
          try {
            const results = await pool.round([1, 2, 3, 4].map(() => ({ task: 'migrate' as const })));
            outcomes = results.map((r) => {
              assert.ok(r.ok, r.ok ? '' : r.error);
              return r.result;
            });
          } finally {
            await pool.close();
          }
        } else {
          const instances = [1, 2, 3, 4].map(() => openDatabase(database.config));
          try {
            outcomes = await Promise.all(instances.map((i) => migrate(i.db, i.dialect)));
          } finally {
            await Promise.all(instances.map((i) => i.destroy()));
          }
        }
        const applied = outcomes.flat();
        assert.deepEqual(applied, ALL, 'each migration applied by exactly one instance');
        assert.deepEqual(await migrate(database.db), []);
      } finally {
        await database.destroy();
      }
    });
  });
}

describe('database configuration', () => {
  it('needs a database', () => {
    assert.throws(() => openDatabase({}), { code: 'ERR_DATABASE_MISSING' });
  });
  it('refuses unsafe schema names and other URL schemes', () => {
    assert.throws(
      () => openDatabase({ databaseUrl: 'postgres://x@localhost/db?schema=a;drop' }),
      ConfigError,
    );
    assert.throws(() => openDatabase({ databaseUrl: 'mysql://x@localhost/db' }), {
      code: 'ERR_DATABASE_URL_MALFORMED',
    });
  });
  it('reads ?schema= from the URL', async () => {
    const opened = openDatabase({ databaseUrl: 'postgres://x@127.0.0.1:1/db?schema=amtsweg' });
    assert.equal(opened.schema, 'amtsweg');
    await opened.destroy();
  });
});
