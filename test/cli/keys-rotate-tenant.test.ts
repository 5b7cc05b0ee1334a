/**
 * `amtsweg keys rotate-tenant SLUG` (ADR 0047) as a real process on SQLite and PostgreSQL: killed
 * with SIGKILL in the middle and run again, every value of the municipality is re-encrypted
 * exactly once (each decrypts under the new version to exactly what was written, never to
 * another ciphertext), nothing is lost, the old key version is destroyed, and the other
 * municipality is untouched. Usage errors exit with 2 and change nothing. Bounded in time.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEnvelopeCipher, keyVersionOf, placeAad } from '../../src/adapters/crypto/envelope.ts';
import { type Database, openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { migrate } from '../../src/adapters/storage/dialect/migrate.ts';
import { wrappedKeyLoader } from '../../src/adapters/storage/repositories/tenants.ts';
import { commandProcess } from '../support/command-process.ts';
import { DIALECTS, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.ts';
import { seedTenant, storeFor, TEST_MASTER_KEY, type TenantFixture } from '../support/storage/fixtures.ts';

const DRAFTS = 1500;

/** Runs the command with the test's master key and a short refresh interval. */
function rotateTenant(env: Record<string, string>, args: string[], kill?: () => Promise<boolean>) {
  return commandProcess(
    ['keys', 'rotate-tenant', ...args],
    {
      AMTSWEG_MASTER_KEY: TEST_MASTER_KEY.toString('base64'),
      AMTSWEG_DATA_KEY_REFRESH_MS: '100',
      ...env,
    },
    kill ? { kill } : {},
  );
}

for (const d of DIALECTS) {
  describe(`amtsweg keys rotate-tenant (${d.name})`, () => {
    let database: Database | TestDatabase;
    let env: Record<string, string>;
    let dataDir: string;
    let a: TenantFixture;
    let b: TenantFixture;
    const answers = new Map<string, string>();

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-rotate-tenant-'));
      if (d.name === 'postgres') {
        database = await d.open();
        const schema = (database as TestDatabase).config.schema as string;
        env = { AMTSWEG_DATA_DIR: dataDir, DATABASE_URL: `${TEST_DATABASE_URL}?schema=${schema}` };
      } else {
        database = openDatabase({ sqlitePath: join(dataDir, 'amtsweg.sqlite') });
        await migrate(database.db, database.dialect);
        env = { AMTSWEG_DATA_DIR: dataDir };
      }
      const { store, cipher } = storeFor(database);
      a = await seedTenant(store, 'rotiert');
      b = await seedTenant(store, 'unberuehrt');
      // Many drafts of `rotiert`, so that the run can be killed between batches.
      const rows = [];
      for (let n = 0; n < DRAFTS; n++) {
        const id = randomUUID();
        const text = JSON.stringify({ name: `Erika ${n}` });
        answers.set(id, text);
        rows.push({
          id,
          tenant_id: a.tenantId,
          service_id: a.serviceId,
          service_version_id: a.versionId,
          session_hash: `session-${id}`,
          answers_enc: await cipher.encrypt(a.tenantId, text, placeAad(a.tenantId, 'drafts', id)),
          created_at: '2026-11-01T10:00:00.000Z',
          updated_at: '2026-11-01T10:00:00.000Z',
          expires_at: '2099-01-01T00:00:00.000Z',
          submission_id: null,
        });
      }
      for (let i = 0; i < rows.length; i += 250) {
        await database.db
          .insertInto('drafts')
          .values(rows.slice(i, i + 250))
          .execute();
      }
    });
    after(async () => {
      await database.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const draftsOf = (tenantId: string) =>
      database.db
        .selectFrom('drafts')
        .select(['id', 'answers_enc'])
        .where('tenant_id', '=', tenantId)
        .orderBy('id')
        .execute();
    const underVersion = async (version: number) =>
      (await draftsOf(a.tenantId)).filter((r) => keyVersionOf(r.answers_enc) === version).length;
    const keyVersions = () =>
      database.db
        .selectFrom('tenant_data_keys')
        .select(['tenant_id', 'version'])
        .orderBy('version')
        .execute();

    test('usage errors exit with 2 and change nothing', async () => {
      const unknown = await rotateTenant(env, ['nirgendwo']);
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /no municipality "nirgendwo"/);
      const missing = await rotateTenant(env, []);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /needs the SLUG/);
      const badBatch = await rotateTenant(env, ['rotiert', '--batch', '0']);
      assert.equal(badBatch.code, 2);
      assert.match(badBatch.stderr, /--batch must be a whole number/);
      assert.deepEqual(await keyVersions(), []);
      assert.equal(await underVersion(1), DRAFTS + 1);
    });

    test('killed with SIGKILL in the middle, run again: every value re-encrypted once, none lost', async () => {
      const otherBefore = await draftsOf(b.tenantId);
      const killed = await rotateTenant(
        env,
        ['rotiert', '--batch', '20'],
        async () => (await underVersion(2)) >= 200,
      );
      assert.equal(
        killed.signal,
        'SIGKILL',
        `the first run was killed (it said: ${killed.stdout}${killed.stderr})`,
      );
      // A commit the killed process had sent may still land on PostgreSQL just after it is gone.
      let halfway = await underVersion(2);
      for (let settled = false; !settled; ) {
        await new Promise((r) => setTimeout(r, 300));
        const again = await underVersion(2);
        settled = again === halfway;
        halfway = again;
      }
      assert.ok(halfway >= 200 && halfway < DRAFTS, `killed in the middle: ${halfway} of ${DRAFTS}`);
      assert.deepEqual(
        (await keyVersions()).map((k) => k.version),
        [1],
        'the old version is kept while values name it',
      );
      // Meanwhile, as the serving instances read: every value, old or new version.
      const meanwhile = createEnvelopeCipher({
        masterKey: TEST_MASTER_KEY,
        loadWrappedKey: wrappedKeyLoader(database.db),
      });
      for (const row of await draftsOf(a.tenantId)) {
        if (!answers.has(row.id)) continue;
        assert.equal(
          await meanwhile.decrypt(a.tenantId, row.answers_enc, placeAad(a.tenantId, 'drafts', row.id)),
          answers.get(row.id),
        );
      }

      const resumed = await rotateTenant(env, ['rotiert', '--batch', '20']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stdout, /carrying on an interrupted rotation to version 2 \(still in use: 1\)/);
      assert.match(
        resumed.stdout,
        new RegExp(
          `rotiert: ${DRAFTS + 1 - halfway} values re-encrypted under data key version 2; version 1 destroyed`,
        ),
      );
      assert.deepEqual(await keyVersions(), []);

      // Exactly once: each value opens under version 2 to exactly what was written.
      const afterwards = createEnvelopeCipher({
        masterKey: TEST_MASTER_KEY,
        loadWrappedKey: wrappedKeyLoader(database.db),
      });
      const rows = await draftsOf(a.tenantId);
      assert.equal(rows.length, DRAFTS + 1);
      for (const row of rows) {
        assert.equal(keyVersionOf(row.answers_enc), 2);
        const plain = await afterwards.decrypt(
          a.tenantId,
          row.answers_enc,
          placeAad(a.tenantId, 'drafts', row.id),
        );
        if (answers.has(row.id)) assert.equal(plain, answers.get(row.id));
        else assert.deepEqual(JSON.parse(plain), { name: 'Erika' });
      }
      assert.deepEqual(await draftsOf(b.tenantId), otherBefore);

      // Once more: a new rotation, nothing interrupted.
      const again = await rotateTenant(env, ['rotiert']);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /data key version 3 created/);
      assert.match(
        again.stdout,
        new RegExp(`${DRAFTS + 1} values re-encrypted under data key version 3; version 2 destroyed`),
      );
    });
  });
}
