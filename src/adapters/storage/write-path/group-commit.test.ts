import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { createGroupCommitter } from './group-commit.ts';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;

describe('group commit (SQLite)', () => {
  let database: TestDatabase;
  before(async () => {
    database = await sqlite.open();
  });
  after(() => database.destroy());

  const tenant = (id: string) => ({
    id,
    slug: id,
    name_de: id,
    name_en: null,
    ags: null,
    wrapped_data_key: 'k',
    created_at: 'x',
  });

  it('commits concurrent writes together and rolls back only the failing one', async () => {
    const run = createGroupCommitter(database.db);
    await run((w) => w.insertInto('tenants').values(tenant('taken')).execute());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        run(async (w) => {
          await w
            .insertInto('tenants')
            .values(tenant(`t${i}`))
            .execute();
          // Job 5 fails after its first write: that write must be undone, the others kept.
          if (i === 5) await w.insertInto('tenants').values(tenant('taken')).execute();
          return i;
        }),
      ),
    );
    assert.deepEqual(
      outcomes.map((o) => o.status),
      [
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ],
    );
    const ids = (await database.db.selectFrom('tenants').select('id').execute()).map((r) => r.id).sort();
    assert.deepEqual(ids, ['t0', 't1', 't2', 't3', 't4', 't6', 't7', 't8', 't9', 'taken']);
  });

  it('keeps working after a failed batch', async () => {
    const run = createGroupCommitter(database.db);
    await assert.rejects(run(() => Promise.reject(new Error('boom'))));
    assert.equal(await run(async () => 42), 42);
  });
});
