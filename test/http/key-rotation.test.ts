/**
 * Keys (hardening, third milestone; ADR 0031): data keys wrapped the old way or under the previous
 * master key stay readable and are rewritten under the current one; forms and browser sessions
 * issued before a master-key rotation keep working while the previous key is configured. On
 * SQLite and PostgreSQL, with a second app instance on the same database as after a restart.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { seal } from '../../src/adapters/crypto/aes-gcm.ts';
import { masterKeyId, masterKeys, unwrapDataKey } from '../../src/adapters/crypto/key-wrapping.ts';
import { openDatabase } from '../../src/adapters/storage/dialect/database.ts';
import { type App, createApp, createLogger } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HttpClient } from '../support/http-client.ts';

for (const dialect of DIALECTS) {
  describe(`master-key rotation (${dialect.name})`, () => {
    let t: TestApp;
    const started: App[] = [];
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(async () => {
      for (const app of started) await app.server.close();
      await t.close();
    });

    /** Another instance on the same database, with these keys (its own connection). */
    async function instance(masterKey: Buffer, previousMasterKey?: Buffer): Promise<App> {
      const app = await createApp({
        config: loadConfig({ AMTSWEG_DATA_DIR: t.dataDir, LOG_LEVEL: 'info' }),
        masterKey,
        ...(previousMasterKey && { previousMasterKey }),
        jobs: false,
        database: openDatabase(t.database.config),
        logger: createLogger('info', new Writable({ write: (_c, _e, done) => done() })),
      });
      started.push(app);
      return app;
    }

    const wrappedKeyOf = async (slug: string) =>
      await t.database.db
        .selectFrom('tenants')
        .select(['id', 'wrapped_data_key'])
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();

    test('an open form and its draft survive the rotation; old wrapped keys are rewritten', async () => {
      // A citizen is half-way through a form under the old master key.
      const citizen = new HttpClient(t.app.server);
      const start = await citizen.submit(await citizen.get('/musterstadt/hund-anmelden'), 'Jetzt starten');
      const step = start.location ?? '';
      const form = await citizen.get(step);
      assert.equal(form.status, 200);
      const csrf = form.document.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
      const cookie = [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

      // The tenant's data key as releases before ADR 0031 stored it: under the raw master key.
      const tenant = await wrappedKeyOf('musterstadt');
      const current = unwrapDataKey(masterKeys(t.masterKey), tenant.wrapped_data_key, tenant.id);
      assert.ok(current.current, 'new tenants get w2 keys');
      await t.database.db
        .updateTable('tenants')
        .set({ wrapped_data_key: seal(t.masterKey, 1, current.key, tenant.id) })
        .where('id', '=', tenant.id)
        .execute();

      const newMaster = randomBytes(32);
      const post = (app: App) =>
        app.server.inject({
          method: 'POST',
          url: step,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf }).toString(),
        });

      // Rotated without the previous key: the session and the form are no longer recognised.
      const without = await instance(newMaster);
      assert.equal((await post(without)).statusCode, 403, 'the old form is refused without the previous key');

      // Rotated with the previous key: the same browser goes on where it was.
      const rotating = await instance(newMaster, t.masterKey);
      const again = await rotating.server.inject({ method: 'GET', url: step, headers: { cookie } });
      assert.equal(again.statusCode, 200, 'the session signed under the old key is still valid');
      const posted = await post(rotating);
      assert.notEqual(posted.statusCode, 403, 'the token of the old form is accepted');
      assert.ok(posted.statusCode < 500, String(posted.statusCode));
      assert.match(posted.body, /Fehler|Geben Sie/, 'the step answered (its errors), not the CSRF page');

      // The data key was read under the previous key and rewritten under the new one.
      const rewritten = await wrappedKeyOf('musterstadt');
      assert.ok(
        rewritten.wrapped_data_key.startsWith(`w2.${masterKeyId(newMaster)}.`),
        rewritten.wrapped_data_key,
      );
      const reread = unwrapDataKey(masterKeys(newMaster), rewritten.wrapped_data_key, tenant.id);
      assert.ok(reread.key.equals(current.key), 'the same data key, wrapped anew');
    });
  });
}
