/**
 * The FIT-Connect-style transport end to end (ADR 0042), on SQLite and PostgreSQL: configured by
 * the admin, written to the outbox by a citizen's submit, delivered by the worker through the
 * three steps of the Submission API to a receiving side built in the test
 * (`test/support/fit-connect-receiver.ts`), which decrypts with its private key through the docs'
 * receiver sample (node:crypto, not jose), checks every hash and validates the metadata against
 * the vendored schema 2.1.0. Then the failures: receiver down (retried), a lost answer (no second
 * submission), a wrong client secret (permanent, on the admin's page), keys that must not be used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getByRole } from '@testing-library/dom';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  adminClient,
  fixtureSettingsPage,
  saveChannel,
  settingOnly,
  TestClock,
} from '../support/delivery.ts';
import { destinationKeyPair, FitConnectReceiver } from '../support/fit-connect-receiver.ts';
import { HttpClient } from '../support/http-client.ts';
import { pdf, UPLOAD_SERVICE } from '../support/upload-files.ts';

const SERVICE = { ...UPLOAD_SERVICE, leikaKey: '99102013002000' };
const BASE = `/musterstadt/${SERVICE.id}`;
const CLIENT_ID = 'musterstadt-onlinedienst';
const CLIENT_SECRET = 'das-client-secret-der-gemeinde';
const DESTINATION_ID = '879ee109-a690-4db8-ab32-424284184d7d';
/** A second destination key pair: published by mistake, it is not the one the destination holds. */
const foreignPair = destinationKeyPair();

/** A citizen's browser submits the service with one file; returns the file. */
async function submitApplication(t: TestApp, name: string): Promise<{ file: Buffer; submissionId: string }> {
  const client = new HttpClient(t.app.server);
  const file = pdf();
  await client.submit(await client.get(BASE), /Jetzt starten|Antrag fortsetzen/);
  const next = await client.submit(await client.get(`${BASE}/schritt/nachweis`), 'Weiter', { name }, [
    { field: 'nachweis', name: 'Meldebescheinigung.pdf', content: file },
  ]);
  assert.equal(next.status, 303, next.body.slice(0, 500));
  const done = await client.submit(await client.visit(next.location!), 'Antrag verbindlich absenden', {
    erklaerung: 'ja',
  });
  assert.equal(done.status, 303);
  const row = await t.database.db
    .selectFrom('delivery_outbox')
    .select('submission_id')
    .where('channel', '=', 'fit-connect')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { file, submissionId: row.submission_id };
}

for (const dialect of DIALECTS) {
  describe(`FIT-Connect delivery (${dialect.name})`, () => {
    const clock = new TestClock();
    const receiver = new FitConnectReceiver({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      destinationId: DESTINATION_ID,
    });
    let t: TestApp;
    let tenantId: string;

    before(async () => {
      await receiver.start();
      t = await startTestApp(dialect, { clock, baseUrl: 'https://amtsweg.example' });
      tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const outcome = await publishService({ store: t.app.store, clock: t.app.clock }, tenantId, SERVICE);
      assert.ok(outcome.ok, JSON.stringify(outcome));
    });
    after(async () => {
      await receiver.stop();
      await t.close();
    });

    const settings = (overrides: Record<string, string> = {}) => ({
      enabled: 'ja',
      tokenUrl: `${receiver.url}/token`,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      destinationId: DESTINATION_ID,
      destinationLookupUrl: receiver.url,
      submissionApiUrl: `${receiver.url}/`,
      ...overrides,
    });
    const itemOf = async (submissionId: string) => {
      const items = await t.app.store.deliveries.ofSubmission(tenantId, submissionId);
      return items.find((i) => i.channel === 'fit-connect')!;
    };
    const storedSetting = () =>
      t.database.db
        .selectFrom('operational_settings')
        .selectAll()
        .where('kind', '=', 'delivery.fitConnect')
        .execute();

    test('the admin configures the channel; wrong input is refused and changes nothing; the client secret is encrypted and never shown back', async () => {
      const admin = await adminClient(t);
      const refused = await saveChannel(
        t,
        admin,
        'delivery-fitConnect',
        settings({ destinationId: 'keine-uuid', submissionApiUrl: 'ftp://zustelldienst' }),
        SERVICE.id,
      );
      assert.equal(refused.status, 400);
      assert.ok(getByRole(refused.document.body, 'heading', { name: 'Es gibt ein Problem' }));
      assert.deepEqual(await storedSetting(), [], 'nothing stored');

      const saved = await saveChannel(t, admin, 'delivery-fitConnect', settings(), SERVICE.id);
      assert.equal(saved.status, 303);
      const { page } = await fixtureSettingsPage(t, admin, 'musterstadt', SERVICE.id);
      const section = settingOnly(page, 'delivery-fitConnect').document;
      assert.equal(section.querySelector<HTMLInputElement>('input[name=clientSecret]')?.value, '');
      assert.equal(
        section.querySelector<HTMLInputElement>('input[name=destinationId]')?.value,
        DESTINATION_ID,
      );
      assert.doesNotMatch(page.body, new RegExp(CLIENT_SECRET));
      const [row] = await storedSetting();
      assert.doesNotMatch(`${row!.value_json}${row!.secrets_enc}`, new RegExp(CLIENT_SECRET), 'encrypted');
      clock.advance(6000); // past the submit's few seconds' cache of the channels
    });

    test('a submission arrives end-to-end encrypted: data, upload and receipt decrypt, every hash and the metadata schema hold', async () => {
      const { file, submissionId } = await submitApplication(t, 'Jürgen Łukasz');
      assert.equal(await t.app.deliveries.runOnce('worker'), 1);
      const item = await itemOf(submissionId);
      assert.equal(item.state, 'delivered', item.lastError ?? '');
      assert.deepEqual(receiver.refused, []);
      assert.equal(receiver.received.length, 1);
      const [arrived] = receiver.received;
      const submission = (await t.app.store.submissions.byId(tenantId, submissionId))!;

      assert.deepEqual(arrived!.serviceType, {
        name: 'Nachweis einreichen',
        identifier: 'urn:de:fim:leika:leistung:99102013002000',
      });
      assert.equal(arrived!.idempotencyKey, `${submissionId}.fit-connect`);
      assert.deepEqual(arrived!.data, submission.answers, 'the answers as stored');
      assert.equal(
        arrived!.metadata.contentStructure.data.submissionSchema.schemaUri,
        `https://amtsweg.example/schemas/musterstadt/${SERVICE.id}/1/data.json`,
      );
      assert.equal(arrived!.metadata.additionalReferenceInfo.senderReference, submission.reference);
      const attachments = [...arrived!.attachments.values()];
      const upload = attachments.find((a) => a.purpose === 'attachment');
      assert.equal(upload?.filename, 'Meldebescheinigung.pdf');
      assert.equal(upload?.mimeType, 'application/pdf');
      assert.deepEqual(upload?.content, file, 'the uploaded bytes');
      const receipt = attachments.find((a) => a.purpose === 'form');
      const stored = await t.app.store.receipts.get(tenantId, submissionId);
      assert.ok(stored, 'the receipt was issued for the delivery');
      assert.deepEqual(receipt?.content, Buffer.from(stored.pdf), 'the stored receipt, byte for byte');
      assert.equal(receipt?.mimeType, 'application/pdf');
      assert.equal(attachments.length, 2);
    });

    test('the token is kept until it expires, and a token the API refuses is replaced once', async () => {
      const before = receiver.tokenRequests;
      const first = await submitApplication(t, 'Zweite');
      await t.app.deliveries.runOnce('worker');
      assert.equal((await itemOf(first.submissionId)).state, 'delivered');
      assert.equal(receiver.tokenRequests, before, 'the cached token was used');

      receiver.revokeTokens();
      const second = await submitApplication(t, 'Dritte');
      await t.app.deliveries.runOnce('worker');
      assert.equal((await itemOf(second.submissionId)).state, 'delivered');
      assert.equal(receiver.tokenRequests, before + 1, 'one new token after the 401');

      clock.advance(31 * 60 * 1000); // past the token's 30 minutes
      const third = await submitApplication(t, 'Vierte');
      await t.app.deliveries.runOnce('worker');
      assert.equal((await itemOf(third.submissionId)).state, 'delivered');
      assert.equal(receiver.tokenRequests, before + 2, 'a new token after expiry');
    });

    test('receiver down: retried with backoff; up again with a lost answer: delivered, and only one submission arrives', async () => {
      await receiver.stop();
      const { submissionId } = await submitApplication(t, 'Ausfall');
      await t.app.deliveries.runOnce('worker');
      let item = await itemOf(submissionId);
      assert.equal(item.state, 'pending');
      assert.match(item.lastError ?? '', /^FIT-Connect .*ECONNREFUSED/);
      assert.equal(await t.app.deliveries.runOnce('worker'), 0, 'not due again before the backoff');

      await receiver.start();
      receiver.loseNextSubmitAnswer = true;
      const announcements = receiver.announcements;
      clock.advance(31_000);
      await t.app.deliveries.runOnce('worker');
      item = await itemOf(submissionId);
      assert.equal(item.state, 'pending');
      assert.match(item.lastError ?? '', /submit .*HTTP 503/);
      clock.advance(61_000);
      await t.app.deliveries.runOnce('worker');
      assert.equal((await itemOf(submissionId)).state, 'delivered');
      assert.equal(receiver.announcements, announcements + 2, 'announced again');
      const reference = (await t.app.store.submissions.byId(tenantId, submissionId))!.reference;
      const arrivals = receiver.received.filter(
        (r) => r.metadata.additionalReferenceInfo.senderReference === reference,
      );
      assert.equal(arrivals.length, 1, 'the Idempotency-Key led to the same submission');
    });

    test('a wrong client secret is a permanent failure, shown with its error on the admin page', async () => {
      const admin = await adminClient(t);
      assert.equal(
        (
          await saveChannel(
            t,
            admin,
            'delivery-fitConnect',
            settings({ clientSecret: 'ein-falsches-secret' }),
            SERVICE.id,
          )
        ).status,
        303,
      );
      clock.advance(6000);
      const { submissionId } = await submitApplication(t, 'Falsch');
      await t.app.deliveries.runOnce('worker');
      const item = await itemOf(submissionId);
      assert.equal(item.state, 'dead', 'not retried');
      assert.match(
        item.lastError ?? '',
        /FIT-Connect token .*HTTP 401 invalid_client – check client id and secret/,
      );

      const page = await admin.get('/staff/admin/zustellung');
      const reference = (await t.app.store.submissions.byId(tenantId, submissionId))!.reference;
      const row = getByRole(page.document.body, 'cell', { name: reference }).closest('tr')!;
      assert.match(row.textContent!, /FIT-Connect/);
      assert.match(row.textContent!, /Aufgegeben/);
      assert.match(row.textContent!, /invalid_client/);
      assert.doesNotMatch(page.body, /ein-falsches-secret/);

      await saveChannel(t, admin, 'delivery-fitConnect', settings(), SERVICE.id);
      clock.advance(6000);
    });

    test('a key FIT-Connect does not allow for encryption fails clearly before anything is announced; a foreign key is refused by the receiver', async () => {
      const announcements = receiver.announcements;
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [
          { ...receiver.keys.jwk, key_ops: ['verify'], alg: 'PS512' },
          /algorithm PS512 instead of RSA-OAEP-256/,
        ],
        [destinationKeyPair(2048, String(receiver.keys.kid)).jwk, /2048-bit modulus, at least 4096 required/],
      ];
      for (const [jwk, reason] of cases) {
        receiver.published = jwk;
        const { submissionId } = await submitApplication(t, 'Schluessel');
        await t.app.deliveries.runOnce('worker');
        const item = await itemOf(submissionId);
        assert.equal(item.state, 'dead');
        assert.match(item.lastError ?? '', /destination key .* cannot be used for encryption/);
        assert.match(item.lastError ?? '', reason);
      }
      assert.equal(receiver.announcements, announcements, 'nothing was announced');

      receiver.published = foreignPair.jwk;
      const { submissionId } = await submitApplication(t, 'Fremd');
      await t.app.deliveries.runOnce('worker');
      const item = await itemOf(submissionId);
      assert.equal(item.state, 'dead');
      assert.match(item.lastError ?? '', /submit .*HTTP 400/);
      assert.equal(receiver.refused.length, 1, 'the receiver could not open it');
      receiver.published = receiver.keys.jwk;
    });
  });
}
