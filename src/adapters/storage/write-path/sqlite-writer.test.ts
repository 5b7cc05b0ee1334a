import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { createSqliteWriter, SqliteWriteError } from './sqlite-writer.ts';
import { ProgramFailed, runProgramIn, type WriteProgram } from './write-program.ts';

const insert = (id: string, ifNoChange?: 'stop' | 'fail') => ({
  sql: 'insert into probe (id, n) values (?, 1) on conflict (id) do nothing',
  parameters: [id],
  ...(ifNoChange && { ifNoChange }),
});
const bump = (id: string, ifNoChange?: 'stop' | 'fail') => ({
  sql: 'update probe set n = n + 1 where id = ?',
  parameters: [id],
  ...(ifNoChange && { ifNoChange }),
});

describe('SQLite writer thread', () => {
  let database: TestDatabase;
  before(async () => {
    database = await DIALECTS.find((d) => d.name === 'sqlite')!.open({ migrate: false });
    await sql`create table probe (id text primary key, n integer not null)`.execute(database.db);
  });
  after(() => database.destroy());

  const rows = async () =>
    (await sql<{ id: string; n: number }>`select id, n from probe order by id`.execute(database.db)).rows;

  it('runs a program to the end, stops on a statement that changes nothing, fails and undoes', async () => {
    const writer = createSqliteWriter(database.sqlitePath!);
    try {
      assert.deepEqual(await writer.run([insert('a', 'stop'), bump('a', 'fail')]), { kind: 'done' });
      // "a" exists: the insert changes nothing and the program ends before the update.
      assert.deepEqual(await writer.run([insert('a', 'stop'), bump('a', 'fail')]), {
        kind: 'stopped',
        at: 0,
      });
      // The update finds no row: the insert before it is undone as well.
      assert.deepEqual(await writer.run([insert('b', 'stop'), bump('nobody', 'fail')]), {
        kind: 'failed',
        at: 1,
      });
      assert.deepEqual(await rows(), [{ id: 'a', n: 2 }]);
    } finally {
      await writer.close();
    }
  });

  it('commits concurrent programs together; a failing one is undone alone with its SQLite code', async () => {
    const writer = createSqliteWriter(database.sqlitePath!);
    try {
      const programs: WriteProgram[] = Array.from({ length: 20 }, (_, i) =>
        // Program 7 writes, then violates the primary key: its first write must be undone too.
        i === 7
          ? [insert('c7'), { sql: 'insert into probe (id, n) values (?, 1)', parameters: ['a'] }]
          : [insert(`c${i}`)],
      );
      const outcomes = await Promise.allSettled(programs.map((p) => writer.run(p)));
      for (const [i, outcome] of outcomes.entries()) {
        if (i !== 7) {
          assert.deepEqual(outcome, { status: 'fulfilled', value: { kind: 'done' } });
          continue;
        }
        assert.equal(outcome.status, 'rejected');
        const error = (outcome as PromiseRejectedResult).reason;
        assert.ok(error instanceof SqliteWriteError);
        assert.equal(error.code, 'SQLITE_CONSTRAINT_PRIMARYKEY');
        assert.match(error.message, /probe\.id/);
      }
      const ids = (await rows()).map((r) => r.id);
      assert.equal(ids.filter((id) => id.startsWith('c')).length, 19);
      assert.ok(!ids.includes('c7'));
    } finally {
      await writer.close();
    }
  });

  it('rejects a malformed statement with a clear error and keeps serving', async () => {
    const writer = createSqliteWriter(database.sqlitePath!);
    try {
      await assert.rejects(writer.run([{ sql: 'insert into nowhere values (?)', parameters: [1] }]), {
        name: 'SqliteWriteError',
        message: /no such table: nowhere/,
      });
      assert.deepEqual(await writer.run([insert('after-error')]), { kind: 'done' });
    } finally {
      await writer.close();
    }
  });

  it('settles only after the commit: another connection sees the write at once', async () => {
    const writer = createSqliteWriter(database.sqlitePath!);
    const other = new SQLite(database.sqlitePath!, { readonly: true });
    try {
      await writer.run([insert('durable')]);
      assert.deepEqual(other.prepare('select n from probe where id = ?').get('durable'), { n: 1 });
    } finally {
      other.close();
      await writer.close();
    }
  });

  it('finishes what was sent before close, and starts again when used after it', async () => {
    const writer = createSqliteWriter(database.sqlitePath!);
    const sent = [writer.run([insert('before-close-1')]), writer.run([insert('before-close-2')])];
    await writer.close();
    assert.deepEqual(await Promise.all(sent), [{ kind: 'done' }, { kind: 'done' }]);
    assert.deepEqual(await writer.run([insert('after-close')]), { kind: 'done' });
    await writer.close();
    const ids = (await rows()).map((r) => r.id);
    for (const id of ['before-close-1', 'before-close-2', 'after-close']) assert.ok(ids.includes(id), id);
  });
});

for (const d of DIALECTS) {
  describe(`write program in a transaction (${d.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await d.open({ migrate: false });
      await sql`create table probe (id text primary key, n integer not null)`.execute(database.db);
    });
    after(() => database.destroy());

    // The same SQL texts in PostgreSQL's placeholder style.
    const local = (program: WriteProgram): WriteProgram =>
      d.name === 'sqlite' ? program : program.map((s) => ({ ...s, sql: s.sql.replace('?', '$1') }));
    const run = (program: WriteProgram) =>
      database.db.transaction().execute((trx) => runProgramIn(trx, local(program)));

    it('reports done and stopped, and throws ProgramFailed so the transaction rolls back', async () => {
      assert.deepEqual(await run([insert('a', 'stop'), bump('a', 'fail')]), { kind: 'done' });
      assert.deepEqual(await run([insert('a', 'stop'), bump('a', 'fail')]), { kind: 'stopped', at: 0 });
      await assert.rejects(run([insert('b', 'stop'), bump('nobody', 'fail')]), (error: unknown) => {
        assert.ok(error instanceof ProgramFailed);
        assert.equal(error.at, 1);
        return true;
      });
      const found = await sql<{ id: string; n: number }>`select id, n from probe order by id`.execute(
        database.db,
      );
      assert.deepEqual(
        found.rows.map((r) => ({ id: r.id, n: Number(r.n) })),
        [{ id: 'a', n: 2 }],
      );
    });
  });
}
