/**
 * `amtsweg keys rotate` (ADR 0031): every municipality's data key rewrapped under the new master
 * key, killed with SIGKILL in the middle and run again: nothing lost, no key half-written, every
 * data key the same as before and readable with the new master key alone. On SQLite and
 * PostgreSQL, as a real process of the command, bounded in time.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEnvelopeCipher } from '../../src/adapters/crypto/envelope.ts';
import {
  masterKeyId,
  masterKeys,
  unwrapDataKey,
  wrapDataKey,
} from '../../src/adapters/crypto/key-wrapping.ts';
import { type Database, openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { migrate } from '../../src/adapters/storage/dialect/migrate.ts';
import { wrappedKeyLoader } from '../../src/adapters/storage/repositories/tenants.ts';
import { commandProcess } from '../support/command-process.ts';
import { DIALECTS, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.ts';

const TENANTS = 800;
const RUN_MS = 60_000;

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const newId = masterKeyId(newKey);

/** Runs `amtsweg keys rotate` with both master keys; `kill` decides, while it runs, when to SIGKILL it. */
function rotate(env: Record<string, string>, kill?: () => Promise<boolean>) {
  return commandProcess(
    ['keys', 'rotate'],
    {
      AMTSWEG_MASTER_KEY: newKey.toString('base64'),
      AMTSWEG_MASTER_KEY_PREVIOUS: oldKey.toString('base64'),
      ...env,
    },
    { ...(kill && { kill }), timeoutMs: RUN_MS },
  );
}

for (const d of DIALECTS) {
  describe(`amtsweg keys rotate (${d.name})`, () => {
    let database: Database | TestDatabase;
    let env: Record<string, string>;
    let dataDir: string;
    const dataKeys = new Map<string, Buffer>();

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-keys-'));
      if (d.name === 'postgres') {
        database = await d.open();
        const schema = (database as TestDatabase).config.schema as string;
        env = { AMTSWEG_DATA_DIR: dataDir, DATABASE_URL: `${TEST_DATABASE_URL}?schema=${schema}` };
      } else {
        // The command's own file in its data directory.
        database = openDatabase({ sqlitePath: join(dataDir, 'amtsweg.sqlite') });
        await migrate(database.db, database.dialect);
        env = { AMTSWEG_DATA_DIR: dataDir };
      }
      // Municipalities whose data keys are wrapped under the old master key.
      const old = masterKeys(oldKey);
      const rows = Array.from({ length: TENANTS }, (_, n) => {
        const id = randomUUID();
        const key = randomBytes(32);
        dataKeys.set(id, key);
        return {
          id,
          slug: `gemeinde-${n}`,
          name_de: `Gemeinde ${n}`,
          wrapped_data_key: wrapDataKey(old, key, id),
          created_at: '2026-11-01T10:00:00.000Z',
        };
      });
      for (let i = 0; i < rows.length; i += 250) {
        await database.db
          .insertInto('tenants')
          .values(rows.slice(i, i + 250))
          .execute();
      }
    });
    after(async () => {
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const underNewKey = async () =>
      Number(
        (
          await database.db
            .selectFrom('tenants')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('wrapped_data_key', 'like', `w2.${newId}.%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rewrapAudits = async () =>
      Number(
        (
          await database.db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'keys.data-key-rewrapped')
            .executeTakeFirstOrThrow()
        ).n,
      );
    /** Every data key unwraps with `keys` to exactly the key it was. */
    const allKeysIntact = async (keys: ReturnType<typeof masterKeys>) => {
      const rows = await database.db.selectFrom('tenants').select(['id', 'wrapped_data_key']).execute();
      assert.equal(rows.length, TENANTS);
      for (const row of rows) {
        assert.deepEqual(unwrapDataKey(keys, row.wrapped_data_key, row.id).key, dataKeys.get(row.id));
      }
    };

    test('killed with SIGKILL in the middle, run again: every key rewrapped once, none lost', async () => {
      // A value written before the rotation, with the old master key.
      const [someTenant] = dataKeys.keys();
      const before = createEnvelopeCipher({
        masterKey: oldKey,
        loadWrappedKey: wrappedKeyLoader(database.db),
      });
      const sealed = await before.encrypt(someTenant!, 'Erika Mustermann', 'aad');

      const killed = await rotate(env, async () => (await underNewKey()) >= 50);
      assert.equal(
        killed.signal,
        'SIGKILL',
        `the first run was killed (it said: ${killed.stdout}${killed.stderr})`,
      );
      // A commit the killed process had sent may still land on PostgreSQL just after it is gone:
      // read once the count holds still.
      let halfway = await underNewKey();
      for (let settled = false; !settled; ) {
        await new Promise((r) => setTimeout(r, 300));
        const again = await underNewKey();
        settled = again === halfway;
        halfway = again;
      }
      assert.ok(halfway >= 50 && halfway < TENANTS, `killed in the middle: ${halfway} of ${TENANTS}`);
      // Meanwhile, with both keys (as the serving instances run), every key reads as it was.
      await allKeysIntact(masterKeys(newKey, oldKey));
      assert.equal(
        await rewrapAudits(),
        halfway,
        'an audit event for each rewrapped key, in its transaction',
      );

      const resumed = await rotate(env);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(
        resumed.stdout,
        new RegExp(
          `master key ${newId}: ${TENANTS - halfway} data keys rewrapped, ${halfway} already under it`,
        ),
      );
      assert.match(resumed.stdout, /AMTSWEG_MASTER_KEY_PREVIOUS can be removed/);
      assert.equal(await underNewKey(), TENANTS);
      assert.equal(await rewrapAudits(), TENANTS);
      // The new master key alone now reads every key, and the value written before.
      await allKeysIntact(masterKeys(newKey));
      const afterwards = createEnvelopeCipher({
        masterKey: newKey,
        loadWrappedKey: wrappedKeyLoader(database.db),
      });
      assert.equal(await afterwards.decrypt(someTenant!, sealed, 'aad'), 'Erika Mustermann');

      // Once more: nothing left to do.
      const again = await rotate(env);
      assert.equal(again.code, 0);
      assert.match(again.stdout, new RegExp(`0 data keys rewrapped, ${TENANTS} already under it`));
    });

    test('a key under a master key it was not given is named, left as it is, and the run fails', async () => {
      const stranger = randomUUID();
      dataKeys.set(stranger, randomBytes(32));
      await database.db
        .insertInto('tenants')
        .values({
          id: stranger,
          slug: 'fremdstadt',
          name_de: 'Fremdstadt',
          wrapped_data_key: wrapDataKey(masterKeys(randomBytes(32)), dataKeys.get(stranger)!, stranger),
          created_at: '2026-11-01T10:00:00.000Z',
        })
        .execute();
      const before = await database.db
        .selectFrom('tenants')
        .select('wrapped_data_key')
        .where('id', '=', stranger)
        .executeTakeFirstOrThrow();
      const result = await rotate(env);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /not rewrapped: fremdstadt: .*neither AMTSWEG_MASTER_KEY nor AMTSWEG_MASTER_KEY_PREVIOUS/,
      );
      assert.match(
        result.stderr,
        /set the master key these are wrapped under as AMTSWEG_MASTER_KEY_PREVIOUS/,
      );
      const unchanged = await database.db
        .selectFrom('tenants')
        .select('wrapped_data_key')
        .where('id', '=', stranger)
        .executeTakeFirstOrThrow();
      assert.equal(unchanged.wrapped_data_key, before.wrapped_data_key);
      await database.db.deleteFrom('tenants').where('id', '=', stranger).execute();
    });
  });
}
