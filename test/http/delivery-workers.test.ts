import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/delivery-worker-process.ts';
import { FIXTURE_SERVICE, publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

const SUBMISSIONS = 30;

/**
 * Two delivery workers in two processes on one PostgreSQL database (ADR 0034): they claim with
 * `FOR UPDATE SKIP LOCKED` and leases, so no item is ever worked on by both at the same time, and
 * every item is delivered exactly once when nothing fails. The receiver holds each request a little
 * while, so that overlapping work would show.
 */
for (const dialect of DIALECTS.filter((d) => d.name === 'postgres')) {
  describe(`two delivery workers in two processes (${dialect.name})`, () => {
    let t: TestApp;
    let receiver: Server;
    const workers: WorkerProcess[] = [];
    const inFlight = new Map<string, number>();
    const overlaps: string[] = [];
    const deliveries = new Map<string, number>();

    before(async () => {
      t = await startTestApp(dialect);
      await publishFixture(t);
      receiver = createServer((request, response) => {
        const key = String(request.headers['idempotency-key']);
        const now = (inFlight.get(key) ?? 0) + 1;
        inFlight.set(key, now);
        if (now > 1) overlaps.push(key);
        request.resume();
        request.on('end', async () => {
          await sleep(30);
          inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
          deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
          response.writeHead(204).end();
        });
      }).listen(0, '127.0.0.1');
      await once(receiver, 'listening');
    });
    after(async () => {
      for (const worker of workers) await worker.stop();
      receiver.close();
      await t.close();
    });

    test('never work on one item at once, and deliver each exactly once', async () => {
      const tenant = (await t.app.store.tenants.bySlug('musterstadt'))!;
      const service = (await t.app.store.services.latestBySlug(tenant.id, FIXTURE_SERVICE))!;
      const { port } = receiver.address() as AddressInfo;
      await t.app.store.operationalSettings.put(
        {
          tenantId: tenant.id,
          serviceId: service.serviceId,
          kind: 'delivery.webhook',
          options: { enabled: true, url: `http://127.0.0.1:${port}/eingang` },
          secrets: { secret: 'ein-geheimnis-das-lang-genug-ist-0123456789' },
          updatedAt: new Date().toISOString(),
          updatedBy: null,
        },
        {
          tenantId: tenant.id,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: service.serviceId,
        },
      );
      const keys: string[] = [];
      for (let i = 0; i < SUBMISSIONS; i++)
        keys.push(`${(await submitFixtureDirectly(t, `Zwei${i}`)).id}.webhook`);

      workers.push(
        ...(await Promise.all([
          startWorkerProcess(t.database.config, t.masterKey),
          startWorkerProcess(t.database.config, t.masterKey),
        ])),
      );
      assert.notEqual(workers[0]!.owner, workers[1]!.owner);
      const deadline = Date.now() + 60_000;
      while (deliveries.size < keys.length && Date.now() < deadline) await sleep(100);

      assert.deepEqual(overlaps, [], 'no item was worked on by two workers at once');
      assert.deepEqual([...deliveries.keys()].sort(), [...keys].sort(), 'every item arrived');
      assert.ok(
        [...deliveries.values()].every((n) => n === 1),
        'each exactly once',
      );
      // The receiver has every item; a worker records "delivered" just after its POST returned.
      const outbox = () =>
        t.database.db
          .selectFrom('delivery_outbox')
          .select(['state', 'attempts'])
          .where('channel', '=', 'webhook')
          .execute();
      let rows = await outbox();
      while (rows.some((r) => r.state !== 'delivered') && Date.now() < deadline) {
        await sleep(100);
        rows = await outbox();
      }
      assert.deepEqual(
        rows.filter((r) => r.state !== 'delivered' || Number(r.attempts) !== 1),
        [],
        'each delivered at its first attempt',
      );
    });
  });
}
