import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createReceiver, verifyWebhook } from '../../docs/delivery/webhook-receiver.mjs';
import { RETRY_WINDOW_MS } from '../../src/core/delivery/policy.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import {
  adminClient,
  fixtureSettingsPage,
  saveChannel,
  settingOnly,
  TestClock,
} from '../support/delivery.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

const SECRET = 'ein-geheimnis-das-lang-genug-ist-0123456789';

interface Arrival {
  key: string;
  body: Record<string, unknown> & { submission: { reference: string }; idempotencyKey: string };
}

/** A free port on the loopback address, with nothing listening on it (yet). */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * The webhook channel end to end (ADR 0034): configured by the admin, written to the outbox by the
 * submit, delivered by the worker to the receiver sample of docs/delivery/webhook.md, which checks
 * every signature. The clock is the test's: backoff of hours passes at once.
 */
for (const dialect of DIALECTS) {
  describe(`webhook delivery (${dialect.name})`, () => {
    const clock = new TestClock();
    let t: TestApp;
    let port: number;
    let receiver: Server | undefined;
    const arrivals: Arrival[] = [];
    const seen = new Set<string>();
    /** Keys whose first arrival the receiver "loses" (handles, then fails): Amtsweg sends them again. */
    const flaky = new Set<string>();

    before(async () => {
      t = await startTestApp(dialect, { clock });
      await publishFixture(t);
      port = await freePort();
    });
    after(async () => {
      receiver?.close();
      await t.close();
    });

    const startReceiver = async (secret = SECRET) => {
      const server = createReceiver({
        secret,
        seen,
        now: () => clock.seconds(),
        handle: async (body: Arrival['body'], key: string) => {
          arrivals.push({ key, body });
          if (flaky.delete(key)) throw new Error('lost the acknowledgement');
        },
      });
      receiver = server;
      server.listen(port, '127.0.0.1');
      await once(server, 'listening');
    };
    const stopReceiver = async () => {
      receiver?.close();
      if (receiver) await once(receiver, 'close');
      receiver = undefined;
    };
    const pendingCount = async () =>
      (
        await t.database.db
          .selectFrom('delivery_outbox')
          .select('id')
          .where('state', '=', 'pending')
          .execute()
      ).length;

    test('the admin configures the webhook; the secret is stored encrypted and never shown back', async () => {
      const client = await adminClient(t);
      const refused = await saveChannel(t, client, 'delivery-webhook', {
        enabled: 'ja',
        url: 'ftp://fachverfahren',
        secret: 'kurz',
      });
      assert.equal(refused.status, 400);
      const saved = await saveChannel(t, client, 'delivery-webhook', {
        enabled: 'ja',
        url: `http://127.0.0.1:${port}/amtsweg`,
        secret: SECRET,
      });
      assert.equal(saved.status, 303);
      const { page } = await fixtureSettingsPage(t, client);
      const section = settingOnly(page, 'delivery-webhook').document;
      assert.equal(section.querySelector<HTMLInputElement>('input[name=secret]')?.value, '');
      assert.match(section.body.textContent!, /gesetzt/);
      assert.doesNotMatch(page.body, new RegExp(SECRET));
      const row = await t.database.db
        .selectFrom('operational_settings')
        .selectAll()
        .where('kind', '=', 'delivery.webhook')
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(`${row.value_json}${row.secrets_enc}`, new RegExp(SECRET), 'encrypted at rest');
      clock.advance(6000); // past the submit's few seconds' cache of the channels
    });

    test('receiver down for a while, then up: every submission arrives, and exactly once after deduplication', async () => {
      const submitted = [];
      for (let i = 0; i < 6; i++) submitted.push(await submitFixtureDirectly(t, `Hook${i}`));
      const keys = submitted.map((s) => `${s.id}.webhook`);
      flaky.add(keys[1]!).add(keys[4]!);

      // Down: every attempt fails with a retryable network error, and is scheduled again.
      assert.equal(await t.app.deliveries.runOnce('worker-a'), 6);
      assert.equal(await t.app.deliveries.runOnce('worker-a'), 0, 'not due again before the backoff');
      const failing = await t.app.store.deliveries.ofSubmission(submitted[0]!.tenantId, submitted[0]!.id);
      assert.equal(failing[0]?.state, 'pending');
      assert.match(failing[0]?.lastError ?? '', /ECONNREFUSED/);
      clock.advance(31_000);
      assert.equal(await t.app.deliveries.runOnce('worker-a'), 6, 'tried again after 30 seconds');

      // Up again: rounds of the worker, with time moving on, until nothing is pending.
      await startReceiver();
      for (let round = 0; round < 10 && (await pendingCount()) > 0; round++) {
        clock.advance(10 * 60 * 1000);
        await t.app.deliveries.runOnce('worker-a');
      }
      assert.equal(await pendingCount(), 0);

      const references = submitted.map((s) => s.reference).sort();
      assert.ok(arrivals.length > references.length, 'the lost acknowledgements made Amtsweg send again');
      const byKey = new Map(arrivals.map((a) => [a.key, a.body]));
      assert.deepEqual([...byKey.keys()].sort(), [...keys].sort(), 'deduplicated by the Idempotency-Key');
      assert.deepEqual(
        [...byKey.values()].map((b) => b.submission.reference).sort(),
        references,
        'each exactly once',
      );
      const body = byKey.get(keys[0]!)!;
      assert.equal(body.idempotencyKey, keys[0]);
      assert.equal(body.format, 'amtsweg.submission/1');
      assert.deepEqual((body.service as { slug: string; version: number }).slug, 'testantrag');
      assert.match(JSON.stringify(body.answers), /"VornameHook0"/, 'the answers as the data contract');
      assert.match(
        (body.links as { staff: string }).staff,
        new RegExp(`/staff/submissions/${submitted[0]!.id}$`),
      );
    });

    test('the receiver sample refuses a tampered body, a wrong secret and a timestamp older than 5 minutes', async () => {
      // A real delivery, captured as it was sent.
      await stopReceiver();
      const { createServer } = await import('node:http');
      const captured: Array<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> = [];
      const capture = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (c: Buffer) => chunks.push(c));
        request.on('end', () => {
          captured.push({ headers: request.headers, body: Buffer.concat(chunks) });
          response.writeHead(204).end();
        });
      }).listen(port, '127.0.0.1');
      await once(capture, 'listening');
      try {
        await submitFixtureDirectly(t, 'Capture');
        await t.app.deliveries.runOnce('worker-a');
      } finally {
        capture.close();
      }
      const [request] = captured;
      assert.ok(request);
      assert.equal(request.headers['content-type'], 'application/json; charset=utf-8');
      assert.match(String(request.headers['idempotency-key']), /\.webhook$/);
      // The moment it was signed: reading the clock now could already be a second later.
      const now = Number(request.headers['callback-timestamp']);
      const check = (overrides: Partial<Parameters<typeof verifyWebhook>[0]>) =>
        verifyWebhook({
          secret: SECRET,
          headers: request.headers,
          body: request.body,
          nowSeconds: now,
          ...overrides,
        });
      assert.deepEqual(check({}), { ok: true });
      const tampered = Buffer.from(request.body.toString().replace('Capture', 'Kapture'));
      assert.deepEqual(check({ body: tampered }), { ok: false, reason: 'wrong signature' });
      assert.deepEqual(check({ secret: `${SECRET}x` }), { ok: false, reason: 'wrong signature' });
      assert.deepEqual(check({ nowSeconds: now + 5 * 60 }), { ok: true }, 'five minutes are still fine');
      assert.deepEqual(check({ nowSeconds: now + 5 * 60 + 1 }), { ok: false, reason: 'timestamp too old' });
      assert.deepEqual(check({ headers: { ...request.headers, 'callback-authentication': undefined } }), {
        ok: false,
        reason: 'no signature',
      });
    });

    test('a receiver that refuses (401) is not retried: the item goes to the dead letter at once', async () => {
      await startReceiver('ein-anderes-geheimnis-als-das-von-amtsweg-00');
      const submission = await submitFixtureDirectly(t, 'Refused');
      await t.app.deliveries.runOnce('worker-a');
      const [item] = (await t.app.store.deliveries.ofSubmission(submission.tenantId, submission.id)).filter(
        (i) => i.channel === 'webhook',
      );
      assert.equal(item?.state, 'dead');
      assert.match(item?.lastError ?? '', /HTTP 401/);
      await stopReceiver();
    });

    test('a receiver down for good: retried with backoff for at least 48 hours, then the dead letter', async () => {
      const submission = await submitFixtureDirectly(t, 'Gone');
      const start = clock.now().getTime();
      let attempts = 0;
      for (; attempts < 40; attempts++) {
        await t.app.deliveries.runOnce('worker-a');
        const [item] = (await t.app.store.deliveries.ofSubmission(submission.tenantId, submission.id)).filter(
          (i) => i.channel === 'webhook',
        );
        if (item?.state === 'dead') break;
        clock.offsetMs += Date.parse(item!.nextAttemptAt) - clock.now().getTime();
      }
      assert.ok(clock.now().getTime() - start >= RETRY_WINDOW_MS, 'at least 48 hours');
      assert.ok(attempts > 10 && attempts < 40, `${attempts + 1} attempts`);
      const problems = await t.app.store.deliveries.problems(submission.tenantId, 10);
      const dead = problems.find((p) => p.submissionId === submission.id);
      assert.equal(dead?.state, 'dead');
      assert.match(dead?.lastError ?? '', /given up after \d+ attempts in 48 hours/);
    });
  });
}
