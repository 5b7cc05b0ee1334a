/**
 * `amtsweg keys rotate-tenant` (ADR 0047) beside a serving Amtsweg, on SQLite and PostgreSQL: the
 * app listens on a real port, citizens fill in and submit the fixture service and a caseworker
 * reads the submissions, all over HTTP, while the command re-encrypts the municipality's data in
 * its own process. Every submission a citizen was shown a reference for reads back on the
 * caseworker's page afterwards, no request got a server error, and the old key is destroyed. Then
 * the same with the command killed (SIGKILL) in the middle and run again. Bounded in time.
 */

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEnvelopeCipher, placeAad } from '../../src/adapters/crypto/envelope.ts';
import { ENCRYPTED_COLUMNS } from '../../src/adapters/storage/encrypted-columns.ts';
import { wrappedKeyLoader } from '../../src/adapters/storage/repositories/tenants.ts';
import { OPERATOR } from '../../src/core/administration.ts';
import { OperationalSettings } from '../../src/core/operational-settings.ts';
import { totpCode } from '../../src/core/second-factor.ts';
import { settingKinds } from '../../src/core/settings/registry.ts';
import { type CommandOptions, commandProcess } from '../support/command-process.ts';
import { DIALECTS, TEST_DATABASE_URL } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { type ListeningApp, startListeningApp } from '../support/listening-app.ts';
import { SocketClient } from '../support/socket-client.ts';
import { CODE_PATH } from '../support/staff-login.ts';

/** The app's and the command's key refresh interval (they must agree, ADR 0047). */
const REFRESH_MS = '200';
/** Drafts besides the traffic's, so that a run lasts long enough to be killed in the middle. */
const DRAFTS = 1200;
const CITIZENS = 3;
const TENANT = 'musterstadt';

for (const d of DIALECTS) {
  describe(`rotating a municipality's data key while it serves (${d.name})`, () => {
    let t: ListeningApp;
    let base: string;
    let tenantId: string;
    let commandEnv: Record<string, string>;
    let commandDir: string;
    const statuses: Array<{ request: string; status: number }> = [];
    /** Reference shown to a citizen → the marker in that citizen's answers. */
    const acknowledged = new Map<string, string>();
    let caseworker: SocketClient;

    before(async () => {
      t = await startListeningApp(d, { env: { AMTSWEG_DATA_KEY_REFRESH_MS: REFRESH_MS } });
      base = await publishFixture(t);
      const tenant = await t.app.store.tenants.bySlug(TENANT);
      tenantId = tenant!.id;
      // Every citizen here connects from 127.0.0.1: more drafts in an hour than one person starts.
      const settings = new OperationalSettings({
        store: t.app.store,
        clock: t.app.clock,
        kinds: settingKinds,
      });
      const saved = await settings.save(
        tenantId,
        null,
        'limits.citizens',
        { draftsPerHour: '100000', uploadMegabytesPerHour: '500' },
        OPERATOR,
      );
      assert.ok(saved.ok);
      commandDir = mkdtempSync(join(tmpdir(), 'amtsweg-rotate-http-'));
      commandEnv = {
        AMTSWEG_MASTER_KEY: t.masterKey.toString('base64'),
        AMTSWEG_DATA_KEY_REFRESH_MS: REFRESH_MS,
        ...(d.name === 'postgres'
          ? {
              AMTSWEG_DATA_DIR: commandDir,
              DATABASE_URL: `${TEST_DATABASE_URL}?schema=${t.database.config.schema}`,
            }
          : // The command finds `amtsweg.sqlite` in its data directory: the app's file.
            { AMTSWEG_DATA_DIR: dirname(t.database.sqlitePath!) }),
      };
      // Drafts of earlier citizens, encrypted as the app encrypts them.
      const version = await t.app.store.services.latestBySlug(tenantId, 'testantrag');
      const cipher = createEnvelopeCipher({
        masterKey: t.masterKey,
        loadWrappedKey: wrappedKeyLoader(t.database.db),
      });
      const rows = [];
      for (let n = 0; n < DRAFTS; n++) {
        const id = randomUUID();
        const answers = JSON.stringify({ vorname: `Frueher${n}` });
        rows.push({
          id,
          tenant_id: tenantId,
          service_id: version!.serviceId,
          service_version_id: version!.id,
          session_hash: `earlier-${id}`,
          answers_enc: await cipher.encrypt(tenantId, answers, placeAad(tenantId, 'drafts', id)),
          created_at: '2026-12-01T10:00:00.000Z',
          updated_at: '2026-12-01T10:00:00.000Z',
          expires_at: '2099-01-01T00:00:00.000Z',
          submission_id: null,
        });
      }
      for (let i = 0; i < rows.length; i += 200) {
        await t.database.db
          .insertInto('drafts')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      caseworker = new SocketClient(t.baseUrl, statuses);
      const credential = t.credentials.find(
        (c) => c.tenant === TENANT && (c.role ?? 'caseworker') === 'caseworker',
      );
      const signedIn = await caseworker.submit(await caseworker.get('/staff/login'), 'Anmelden', {
        username: credential!.username,
        password: credential!.password,
      });
      assert.equal(signedIn.status, 303, 'the caseworker signed in');
      // The demo accounts have a second factor (ADR 0055): the code its app shows now.
      assert.equal(signedIn.location, CODE_PATH);
      const code = totpCode(credential!.totpSecret!, t.app.clock.now());
      const completed = await caseworker.submit(await caseworker.get(CODE_PATH), 'Bestätigen', { code });
      assert.equal(completed.status, 303, 'the second factor passed');
    });
    after(async () => {
      await t.close();
      rmSync(commandDir, { recursive: true, force: true });
    });

    /** The caseworker's page of a submission, found by its reference (the id is not shown to citizens). */
    async function caseworkerView(reference: string) {
      const row = await t.database.db
        .selectFrom('submissions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('reference', '=', reference)
        .executeTakeFirst();
      assert.ok(row, `${reference} exists`);
      return caseworker.get(`/staff/submissions/${row.id}`);
    }

    /**
     * Citizens submitting and the caseworker reading, until `running` resolves; returns the times at
     * which citizens were shown a reference.
     */
    async function traffic(running: Promise<unknown>) {
      let done = false;
      void running.finally(() => {
        done = true;
      });
      const shownAt: number[] = [];
      const citizen = async (c: number) => {
        for (let n = 0; !done; n++) {
          const client = new SocketClient(t.baseUrl, statuses);
          const marker = `R${acknowledged.size}c${c}n${n}`;
          const check = await fillFixture(client, base, marker);
          const sent = await client.submit(check, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
          assert.equal(sent.status, 303, `${marker}: the submit answered with a redirect`);
          const confirmation = await client.get(sent.location!);
          const reference = confirmation.document.getElementById('vorgangsnummer')?.textContent?.trim();
          assert.ok(reference, `${marker}: the confirmation page shows a reference`);
          acknowledged.set(reference, marker);
          shownAt.push(Date.now());
        }
      };
      const reader = async () => {
        while (!done) {
          const inbox = await caseworker.get('/staff/inbox');
          assert.equal(inbox.status, 200);
          // The newest submissions, which the rotation may be re-encrypting right now.
          for (const [reference, marker] of [...acknowledged].slice(-3)) {
            const view = await caseworkerView(reference);
            assert.equal(view.status, 200, reference);
            assert.match(view.body, new RegExp(`Vorname${marker}`), `${reference} shows its answers`);
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await Promise.all([...Array.from({ length: CITIZENS }, (_, c) => citizen(c)), reader()]);
      return shownAt;
    }

    /** Runs the command while the traffic goes on; the window in which it re-encrypted. */
    async function rotateUnderTraffic(args: string[], options: Omit<CommandOptions, 'onOutput'> = {}) {
      let began = Number.POSITIVE_INFINITY;
      const run = commandProcess(['keys', 'rotate-tenant', ...args], commandEnv, {
        ...options,
        onOutput: (text) => {
          if (/data key version \d+ created|carrying on an interrupted rotation/.test(text))
            began = Math.min(began, Date.now());
        },
      });
      const shownAt = await traffic(run);
      const result = await run;
      return { result, during: shownAt.filter((at) => at >= began).length };
    }

    /** Every acknowledged submission on the caseworker's page with its answers; no 5xx so far. */
    async function assertAllReadable() {
      for (const [reference, marker] of acknowledged) {
        const view = await caseworkerView(reference);
        assert.equal(view.status, 200, reference);
        assert.match(view.body, new RegExp(`Vorname${marker}`), `${reference} shows its answers`);
        assert.match(view.body, new RegExp(`Grund${marker}`), `${reference} shows its answers`);
      }
      const failed = statuses.filter((s) => s.status >= 500);
      assert.deepEqual(failed, [], 'no request got a server error');
    }

    /** What still names another data key version than `version`, per column (none when rotated). */
    async function staleValues(version: number) {
      const stale: string[] = [];
      for (const column of ENCRYPTED_COLUMNS) {
        for (const v of await column.stale(t.database.db, tenantId, version, '', 10))
          stale.push(`${column.name} ${v.key}`);
      }
      return stale;
    }

    const keyVersions = async () =>
      (
        await t.database.db
          .selectFrom('tenant_data_keys')
          .select('version')
          .where('tenant_id', '=', tenantId)
          .orderBy('version')
          .execute()
      ).map((k) => k.version);

    test('submits and reads go on during a rotation; afterwards everything reads back, the old key is gone', {
      timeout: 240_000,
    }, async () => {
      const { result, during } = await rotateUnderTraffic([TENANT, '--batch', '50', '--pause-ms', '20']);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /musterstadt: data key version 2 created/);
      assert.match(result.stdout, /values re-encrypted under data key version 2; version 1 destroyed/);
      assert.ok(during > 0, 'citizens submitted while the rotation ran');
      assert.deepEqual(await keyVersions(), []);
      assert.deepEqual(await staleValues(2), []);
      await assertAllReadable();
    });

    test('killed with SIGKILL in the middle and run again, under traffic: nothing lost', {
      timeout: 240_000,
    }, async () => {
      const done = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('drafts')
              .select(({ fn }) => fn.countAll().as('n'))
              .where('tenant_id', '=', tenantId)
              .where('answers_enc', 'like', 'v1.3.%')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const killed = await rotateUnderTraffic([TENANT, '--batch', '20'], {
        kill: async () => (await done()) >= 200,
      });
      assert.equal(
        killed.result.signal,
        'SIGKILL',
        `killed in the middle (it said: ${killed.result.stdout})`,
      );
      assert.deepEqual(await keyVersions(), [2], 'the old version is kept while values name it');
      assert.ok((await staleValues(3)).length > 0, 'some values still name version 2');
      // Between the runs the app serves what is there: values under either version.
      await assertAllReadable();

      const resumed = await rotateUnderTraffic([TENANT, '--batch', '50', '--pause-ms', '20']);
      assert.equal(resumed.result.code, 0, resumed.result.stderr);
      assert.match(
        resumed.result.stdout,
        /carrying on an interrupted rotation to version 3 \(still in use: 2\)/,
      );
      assert.match(resumed.result.stdout, /re-encrypted under data key version 3; version 2 destroyed/);
      assert.ok(resumed.during > 0, 'citizens submitted while the resumed rotation ran');
      assert.deepEqual(await keyVersions(), []);
      assert.deepEqual(await staleValues(3), []);
      await assertAllReadable();
    });
  });
}
