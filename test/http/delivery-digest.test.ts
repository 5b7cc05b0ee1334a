import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDeliveryWorker } from '../../src/jobs/delivery-worker.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { adminClient, saveChannel, settingOnly, TestClock } from '../support/delivery.ts';
import { publishFixture, submitFixtureDirectly } from '../support/fixture.ts';

const DIGEST_TO = 'it-verwaltung@musterstadt.example';

/**
 * The daily e-mail about delivery problems (ADR 0041): the admin switches it on with an address;
 * the worker sends it once per Berlin day while there are problems, and again the next day.
 */
for (const dialect of DIALECTS) {
  describe(`daily digest of delivery problems (${dialect.name})`, () => {
    const clock = new TestClock();
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { clock });
      await publishFixture(t);
    });
    after(() => t.close());

    const digests = async (tenantId: string) =>
      (await t.app.store.sentMails.list(tenantId, { page: 1, pageSize: 200 })).items.filter((m) =>
        m.subject.startsWith('Zustellprobleme'),
      );
    const until = async (what: string, condition: () => Promise<boolean>) => {
      for (let i = 0; i < 200; i++) {
        if (await condition()) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.fail(`waited in vain: ${what}`);
    };

    test('sent by the worker once a day to the configured address, only while there are problems', async () => {
      const admin = await adminClient(t);
      const page = await admin.get('/staff/admin/gemeinde');
      const refused = await admin.submit(settingOnly(page, 'delivery-digest'), 'Einstellung speichern', {
        enabled: 'ja',
        to: '',
      });
      assert.equal(refused.status, 400, 'on without an address is refused');
      const saved = await admin.submit(settingOnly(page, 'delivery-digest'), 'Einstellung speichern', {
        enabled: 'ja',
        to: DIGEST_TO,
      });
      assert.equal(saved.status, 303);
      const tenantId = (await t.app.store.tenants.bySlug('musterstadt'))!.id;
      const otherId = (await t.app.store.tenants.bySlug('beispielhausen'))!.id;

      const worker = startDeliveryWorker(t.app.deliveries, t.app.logger, {
        pollMs: 20,
        owner: 'digest-test',
        digest: t.app.deliveryDigest,
        digestCheckMs: 0,
      });
      try {
        // No problems yet: no digest.
        await new Promise((r) => setTimeout(r, 200));
        assert.equal((await digests(tenantId)).length, 0, 'nothing to report, no e-mail');

        // A webhook nobody answers: a problem.
        await saveChannel(t, admin, 'delivery-webhook', {
          enabled: 'ja',
          url: 'http://127.0.0.1:9/eingang',
          secret: 'ein-geheimnis-das-lang-genug-ist-0123456789',
        });
        clock.advance(6000);
        const submission = await submitFixtureDirectly(t, 'Digest');
        worker.wake();
        await until('the digest', async () => (await digests(tenantId)).length === 1);
        // Many more rounds the same day: still one.
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await digests(tenantId)).length, 1, 'once per day');
        const [first] = await digests(tenantId);
        assert.equal(first!.to, DIGEST_TO);
        const mail = await t.app.store.sentMails.byId(tenantId, first!.id);
        assert.match(mail!.text, new RegExp(`${submission.reference} \\(webhook\\)`));
        assert.match(mail!.text, /ECONNREFUSED|network error/);
        assert.match(mail!.text, /\/staff\/admin\/zustellung/);
        assert.match(mail!.text, /-- English --/);
        assert.equal((await digests(otherId)).length, 0, 'a municipality without the setting gets none');

        // The next day, the problem still open: a second one.
        clock.advance(24 * 60 * 60 * 1000);
        await until('the next day’s digest', async () => (await digests(tenantId)).length === 2);
      } finally {
        await worker.stop();
      }
    });
  });
}
