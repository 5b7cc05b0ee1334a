/**
 * Worker throughput (ADR 0034): deliveries per second of the real worker (claim, load the
 * submission, sign, POST, record) to a local webhook receiver, against a bare loop that POSTs the
 * same signed bodies to the same receiver with the same concurrency. Both in this process, one
 * after the other, then again in the opposite order; the ratio is what the outbox machinery costs.
 *
 *   node --import tsx bench/delivery-throughput.ts   (BENCH_DELIVERIES, default 400)
 *
 * Target: worker / bare >= 0.5.
 *
 * Before that, the submit's durable write (`createFromDraft`) with two outbox rows against none,
 * A, B, B, A: what configuring two channels adds to the submit's commit. Target >= 0.9. This is
 * the write alone; the HTTP submit also reads the channel settings, which this leaves out
 * (docs/performance.md says what an HTTP measure would add).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { webhookSignature } from '../src/adapters/delivery/webhook/signature.ts';
import { createArgon2Hasher } from '../src/adapters/security/argon2-hasher.ts';
import { createApp, createLogger } from '../src/app.ts';
import { seedDemo } from '../src/cli/demo-seed.ts';
import { loadConfig } from '../src/config.ts';
import { configureChannels, WEBHOOK_SECRET } from './delivery-channels.ts';

const COUNT = Number(process.env.BENCH_DELIVERIES ?? 400);
const repoRoot = join(import.meta.dirname, '..');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amtsweg-bench-delivery-'));
  try {
    let received = 0;
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received++;
        response.writeHead(204).end();
      });
    }).listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/eingang`;

    const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
    const app = await createApp({
      config: loadConfig({ AMTSWEG_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }),
      masterKey: randomBytes(32),
      passwords,
      jobs: false,
      logger: createLogger('warn'),
    });
    await seedDemo({
      store: app.store,
      clock: app.clock,
      passwords,
      codeLists: app.codeLists,
      definitionsDir: join(repoRoot, 'definitions'),
      credentialsFile: join(dataDir, 'demo-credentials.json'),
    });
    const tenant = (await app.store.tenants.bySlug('musterstadt'))!;
    const version = (await app.store.services.latestBySlug(tenant.id, 'hund-anmelden'))!;
    const now = new Date().toISOString();
    await configureChannels(app, 'musterstadt', 'hund-anmelden', url, { email: false });

    /** `COUNT` submissions, each with its webhook row in the outbox. */
    const prepare = async () => {
      for (let i = 0; i < COUNT; i++) {
        const draftId = uuidv7();
        await app.store.drafts.create({
          id: draftId,
          tenantId: tenant.id,
          serviceId: version.serviceId,
          serviceVersionId: version.id,
          sessionHash: randomBytes(16).toString('hex'),
          answers: { vorname: `Erika${i}`, nachname: 'Musterfrau' },
          createdAt: now,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
        const id = uuidv7();
        await app.store.submissions.createFromDraft(
          {
            id,
            tenantId: tenant.id,
            draftId,
            reference: `B${String(i).padStart(3, '0')}${randomBytes(4).toString('hex')}`.toUpperCase(),
            serviceId: version.serviceId,
            serviceVersionId: version.id,
            answers: { vorname: `Erika${i}`, nachname: 'Musterfrau' },
            feeCents: null,
            submittedAt: now,
            deliveries: [{ id: uuidv7(), channel: 'webhook', idempotencyKey: `${id}.webhook` }],
          },
          {
            tenantId: tenant.id,
            actorType: 'citizen',
            actorId: null,
            action: 'submission.received',
            subjectType: 'submission',
            subjectId: id,
          },
        );
      }
    };

    const runWorker = async () => {
      await prepare();
      const before = received;
      const start = performance.now();
      while ((await app.deliveries.runOnce('bench')) > 0) {}
      const seconds = (performance.now() - start) / 1000;
      if (received - before !== COUNT) throw new Error(`worker delivered ${received - before} of ${COUNT}`);
      return COUNT / seconds;
    };

    // The same signed bodies, 16 at a time (the worker's batch), with nothing else around them.
    const body = JSON.stringify({
      format: 'amtsweg.submission/1',
      answers: { vorname: 'Erika', nachname: 'Musterfrau' },
      pad: 'x'.repeat(700),
    });
    const runBare = async () => {
      const before = received;
      const start = performance.now();
      for (let done = 0; done < COUNT; done += 16) {
        await Promise.all(
          Array.from({ length: Math.min(16, COUNT - done) }, async (_, k) => {
            const timestamp = Math.floor(Date.now() / 1000);
            const response = await fetch(url, {
              method: 'POST',
              redirect: 'manual',
              headers: {
                'content-type': 'application/json; charset=utf-8',
                'idempotency-key': `bare.${done + k}`,
                'callback-timestamp': String(timestamp),
                'callback-authentication': webhookSignature(WEBHOOK_SECRET, timestamp, body),
              },
              body,
            });
            await response.arrayBuffer();
          }),
        );
      }
      const seconds = (performance.now() - start) / 1000;
      if (received - before !== COUNT)
        throw new Error(`bare loop delivered ${received - before} of ${COUNT}`);
      return COUNT / seconds;
    };

    /**
     * The submit's durable write (`createFromDraft`: submission, draft, audit event, outbox rows in
     * one commit), `COUNT` of them 16 at a time, with two outbox rows each or none.
     */
    const runSubmits = async (channels: number) => {
      const drafts: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        const draftId = uuidv7();
        await app.store.drafts.create({
          id: draftId,
          tenantId: tenant.id,
          serviceId: version.serviceId,
          serviceVersionId: version.id,
          sessionHash: randomBytes(16).toString('hex'),
          answers: { vorname: `Erika${i}`, nachname: 'Musterfrau' },
          createdAt: now,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
        drafts.push(draftId);
      }
      const start = performance.now();
      for (let done = 0; done < COUNT; done += 16) {
        await Promise.all(
          drafts.slice(done, done + 16).map((draftId) => {
            const id = uuidv7();
            return app.store.submissions.createFromDraft(
              {
                id,
                tenantId: tenant.id,
                draftId,
                reference: `S${randomBytes(6).toString('hex')}`.toUpperCase(),
                serviceId: version.serviceId,
                serviceVersionId: version.id,
                answers: { vorname: 'Erika', nachname: 'Musterfrau' },
                feeCents: null,
                submittedAt: now,
                deliveries: (['email', 'webhook'] as const).slice(0, channels).map((channel) => ({
                  id: uuidv7(),
                  channel,
                  idempotencyKey: `${id}.${channel}`,
                })),
              },
              {
                tenantId: tenant.id,
                actorType: 'citizen',
                actorId: null,
                action: 'submission.received',
                subjectType: 'submission',
                subjectId: id,
              },
            );
          }),
        );
      }
      return COUNT / ((performance.now() - start) / 1000);
    };
    // Warm-up (JIT, prepared statements, caches), not counted.
    await runSubmits(2);
    await runSubmits(0);
    const with1 = await runSubmits(2);
    const without1 = await runSubmits(0);
    const without2 = await runSubmits(0);
    const with2 = await runSubmits(2);
    const withChannels = (with1 + with2) / 2;
    const withoutChannels = (without1 + without2) / 2;
    // The rows of the submits above are delivered to nobody: mark them done before the worker runs.
    await app.database.db
      .updateTable('delivery_outbox')
      .set({ state: 'delivered', delivered_at: now })
      .execute();

    // A, B, B, A: a change of the machine's load during the run hits both sides alike.
    const worker1 = await runWorker();
    const bare1 = await runBare();
    const bare2 = await runBare();
    const worker2 = await runWorker();
    const worker = (worker1 + worker2) / 2;
    const bare = (bare1 + bare2) / 2;
    const ratio = worker / bare;
    console.log(`Delivery throughput, ${COUNT} deliveries per run, ${new Date().toISOString()}`);
    console.log(
      `  (W) worker to a local webhook receiver: ${worker.toFixed(0)} deliveries/s (${worker1.toFixed(0)}, ${worker2.toFixed(0)})`,
    );
    console.log(
      `  (B) bare loop POSTing signed bodies:     ${bare.toFixed(0)} POSTs/s (${bare1.toFixed(0)}, ${bare2.toFixed(0)})`,
    );
    console.log(`  (W)/(B) = ${ratio.toFixed(3)}  (target >= 0.5: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
    const submitRatio = withChannels / withoutChannels;
    console.log(
      `  (S2) submit write with two outbox rows: ${withChannels.toFixed(0)}/s (${with1.toFixed(0)}, ${with2.toFixed(0)})`,
    );
    console.log(
      `  (S0) submit write without:              ${withoutChannels.toFixed(0)}/s (${without1.toFixed(0)}, ${without2.toFixed(0)})`,
    );
    console.log(
      `  (S2)/(S0) = ${submitRatio.toFixed(3)}  (target >= 0.9: ${submitRatio >= 0.9 ? 'met' : 'MISSED'})`,
    );
    receiver.close();
    await app.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
