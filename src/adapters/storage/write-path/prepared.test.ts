import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { prepared } from './prepared.ts';

for (const dialect of DIALECTS) {
  describe(`prepared queries on ${dialect.name}`, () => {
    let d: TestDatabase;
    before(async () => {
      d = await dialect.open();
    });
    after(() => d.destroy());

    it('binds the parameters of each call and keeps constants', async () => {
      const insert = prepared<{ id: string; slug: string }, never>((db, p) =>
        db.insertInto('tenants').values({
          id: p('id'),
          slug: p('slug'),
          name_de: 'Konstant',
          name_en: null,
          ags: null,
          wrapped_data_key: 'k',
          created_at: '2026-01-01T00:00:00.000Z',
        }),
      );
      const bySlug = prepared<{ slug: string }, { id: string; name_de: string }>((db, p) =>
        db.selectFrom('tenants').select(['id', 'name_de']).where('slug', '=', p('slug')),
      );
      await insert.execute(d.db, { id: 'a', slug: 'eins' });
      await insert.execute(d.db, { id: 'b', slug: 'zwei' });
      assert.deepEqual((await bySlug.execute(d.db, { slug: 'zwei' })).rows, [
        { id: 'b', name_de: 'Konstant' },
      ]);
      assert.deepEqual((await bySlug.execute(d.db, { slug: 'eins' })).rows, [
        { id: 'a', name_de: 'Konstant' },
      ]);
      assert.deepEqual((await bySlug.execute(d.db, { slug: 'drei' })).rows, []);
    });

    it('runs inside a transaction of the same database', async () => {
      const count = prepared<{ slug: string }, { n: number | string | bigint }>((db, p) =>
        db
          .selectFrom('tenants')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('slug', '=', p('slug')),
      );
      const n = await d.db
        .transaction()
        .execute(async (trx) => (await count.execute(trx, { slug: 'eins' })).rows[0]?.n);
      assert.equal(Number(n), 1);
    });
  });
}
