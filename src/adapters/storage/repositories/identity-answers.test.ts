import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { storeFor } from '../../../../test/support/storage/fixtures.ts';
import { openDatabase } from '../dialect/database.ts';

const LATER = new Date(Date.now() + 3600_000).toISOString();
const PAST = '2000-01-01T00:00:00.000Z';

for (const d of DIALECTS) {
  describe(`identity answer ids (replay protection) on ${d.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await d.open();
    });
    after(() => database.destroy());

    it('an id is new once per provider; the same id of another provider is another answer', async () => {
      const { store } = storeFor(database);
      assert.equal(await store.identityAnswers.firstUse('bundid', '_a1', LATER), true);
      assert.equal(await store.identityAnswers.firstUse('bundid', '_a1', LATER), false);
      assert.equal(await store.identityAnswers.firstUse('servicekonto', '_a1', LATER), true);
    });

    it('racing uses of one id: exactly one wins', async () => {
      const { store } = storeFor(database);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store.identityAnswers.firstUse('bundid', '_race', LATER)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('another connection to the database (another app instance) knows the id', async () => {
      const { store } = storeFor(database);
      assert.equal(await store.identityAnswers.firstUse('bundid', '_shared', LATER), true);
      const second = openDatabase(database.config);
      try {
        const other = storeFor(second).store;
        assert.equal(await other.identityAnswers.firstUse('bundid', '_shared', LATER), false);
      } finally {
        await second.destroy();
      }
    });

    it('expired ids are dropped as new ones come', async () => {
      const { store } = storeFor(database);
      assert.equal(await store.identityAnswers.firstUse('bundid', '_old', PAST), true);
      await store.identityAnswers.firstUse('bundid', '_new', LATER);
      const left = await database.db
        .selectFrom('identity_answer_ids')
        .select('answer_id')
        .where('answer_id', '=', '_old')
        .execute();
      assert.deepEqual(left, []);
    });
  });
}
