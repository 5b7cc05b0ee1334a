/**
 * A main-connection transaction that reads, lets the writer thread commit, and then writes: with a
 * deferred BEGIN the write fails at once with SQLITE_BUSY (its read snapshot is stale); with
 * BEGIN IMMEDIATE the writer waits for the transaction and both writes land.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';

describe('SQLite transactions on the main connection', () => {
  let database: TestDatabase;
  before(async () => {
    database = await DIALECTS.find((d) => d.name === 'sqlite')!.open({ migrate: false });
    await sql`create table probe (id text primary key, n integer not null)`.execute(database.db);
    await sql`insert into probe (id, n) values ('main', 0)`.execute(database.db);
  });
  after(() => database.destroy());

  it('read, a commit by the writer thread, then a write: neither fails, both land', async () => {
    let writerDone = false;
    let writing: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`select n from probe where id = 'main'`.execute(trx);
      writing = database
        .writer!.run([{ sql: "insert into probe (id, n) values ('writer', 1)", parameters: [] }])
        .then(() => {
          writerDone = true;
        });
      // Long enough for an unblocked writer to commit; a blocked one waits for this transaction.
      await Promise.race([writing, sleep(300)]);
      assert.equal(writerDone, false, 'the writer waits for the open transaction');
      await sql`update probe set n = ${rows[0]!.n + 1} where id = 'main'`.execute(trx);
    });
    await writing;
    const { rows } = await sql<{ id: string; n: number }>`select id, n from probe order by id`.execute(
      database.db,
    );
    assert.deepEqual(rows, [
      { id: 'main', n: 1 },
      { id: 'writer', n: 1 },
    ]);
  });
});
