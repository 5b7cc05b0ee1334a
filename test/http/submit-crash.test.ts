import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient, saveChannel } from '../support/delivery.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';
import { type InstanceProcess, startInstanceProcess } from '../support/instance-process.ts';

const ROUNDS = 2;
/** The reference as the confirmation page shows it. */
const REFERENCE = /id="vorgangsnummer">([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</;
const CLIENTS = 6;

/**
 * Nothing acknowledged is lost (ADR 0005, 0034), under SIGKILL: an instance in its own process takes
 * the final submits of several citizens at once and is killed at a random moment, again and again.
 * Every reference a citizen was shown exists afterwards exactly once, decrypts with its answers,
 * and has its outbox rows; a citizen who saw no reference submits again on the next instance and
 * still gets exactly one submission. Bounded: a few rounds of a few seconds.
 */
for (const dialect of DIALECTS) {
  describe(`submits while the instance is killed (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    before(async () => {
      t = await startTestApp(dialect);
      base = await publishFixture(t);
      const admin = await adminClient(t);
      // Two channels, so every submission writes two outbox rows in its commit.
      await saveChannel(t, admin, 'delivery-email', { enabled: 'ja', to: 'amt@musterstadt.example' });
      await saveChannel(t, admin, 'delivery-webhook', {
        enabled: 'ja',
        url: 'http://127.0.0.1:9/eingang',
        secret: 'ein-geheimnis-das-lang-genug-ist-0123456789',
      });
    });
    after(() => t.close());

    test('every reference shown exists once, decrypts and has its outbox rows', {
      timeout: 180_000,
    }, async () => {
      const cookie = (client: HttpClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      /** Citizens with a complete draft; those not yet shown a reference try again next round. */
      let waiting: Array<{ client: HttpClient; marker: string; csrf: string }> = [];
      const shown = new Map<string, string>();
      let killedMidway = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (let c = 0; c < CLIENTS; c++) {
          const client = new HttpClient(t.app.server);
          const marker = `Crash${round}x${c}`;
          const check = await fillFixture(client, base, marker);
          const csrf = check.document.querySelector<HTMLInputElement>(
            'form[action$="/absenden"] input[name=_csrf]',
          )!.value;
          waiting.push({ client, marker, csrf });
        }
        const instance: InstanceProcess = await startInstanceProcess(t.database.config, t.masterKey);
        const submitOne = async (citizen: (typeof waiting)[number]) => {
          // Spread over the moment of the kill.
          await new Promise((r) => setTimeout(r, Math.random() * 400));
          const sent = await fetch(`${instance.baseUrl}${base}/absenden`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(citizen.client) },
            body: new URLSearchParams({ _csrf: citizen.csrf, erklaerung: 'ja' }).toString(),
          });
          assert.equal(sent.status, 303, `submit of ${citizen.marker}`);
          const page = await fetch(`${instance.baseUrl}${sent.headers.get('location')}`, {
            headers: { cookie: cookie(citizen.client) },
          });
          const text = await page.text();
          const reference = REFERENCE.exec(text)?.[1];
          assert.ok(reference, `the confirmation page of ${citizen.marker} shows a reference`);
          return reference;
        };
        const attempts = waiting.map((citizen) =>
          submitOne(citizen).then(
            (reference) => ({ citizen, reference }),
            () => ({ citizen, reference: undefined }),
          ),
        );
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
        await instance.kill();
        const results = await Promise.all(attempts);
        const answered = results.filter((r) => r.reference !== undefined);
        if (answered.length < results.length) killedMidway++;
        for (const { citizen, reference } of answered) {
          const earlier = shown.get(citizen.marker);
          // Shown twice (a retry after a lost answer): the same reference both times.
          if (earlier) assert.equal(reference, earlier, citizen.marker);
          shown.set(citizen.marker, reference!);
        }
        waiting = results.filter((r) => r.reference === undefined).map((r) => r.citizen);
      }
      // The last ones on an instance that stays up: each retried submit still makes one submission.
      const last =
        waiting.length > 0 ? await startInstanceProcess(t.database.config, t.masterKey) : undefined;
      try {
        for (const citizen of waiting) {
          const sent = await fetch(`${last!.baseUrl}${base}/absenden`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie(citizen.client) },
            body: new URLSearchParams({ _csrf: citizen.csrf, erklaerung: 'ja' }).toString(),
          });
          assert.equal(sent.status, 303);
          const text = await (
            await fetch(`${last!.baseUrl}${sent.headers.get('location')}`, {
              headers: { cookie: cookie(citizen.client) },
            })
          ).text();
          shown.set(citizen.marker, REFERENCE.exec(text)![1]!);
        }
      } finally {
        await last?.stop();
      }

      assert.equal(shown.size, ROUNDS * CLIENTS, 'every citizen got a reference in the end');
      assert.ok(killedMidway >= 1, 'at least one kill interrupted submits (else the test proved nothing)');
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      for (const [marker, reference] of shown) {
        const rows = await t.database.db
          .selectFrom('submissions')
          .select(['id'])
          .where('tenant_id', '=', tenant.id)
          .where('reference', '=', reference)
          .execute();
        assert.equal(rows.length, 1, `${reference} exists exactly once`);
        const submission = await t.app.store.submissions.byId(tenant.id, rows[0]!.id);
        assert.equal(submission?.answers.vorname, `Vorname${marker}`, `${reference} decrypts to its answers`);
        const outbox = await t.app.store.deliveries.ofSubmission(tenant.id, rows[0]!.id);
        assert.deepEqual(
          outbox.map((o) => o.channel).sort(),
          ['email', 'webhook'],
          `${reference}: outbox rows`,
        );
      }
      // No citizen's draft became two submissions.
      const all = await t.database.db
        .selectFrom('submissions')
        .select(({ fn }) => fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(all.n), ROUNDS * CLIENTS);
    });
  });
}
