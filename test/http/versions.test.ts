import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CATALOG_CACHE_MS } from '../../src/core/applications.ts';
import { publishService } from '../../src/core/publishing.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { fillFixture, publishFixture } from '../support/fixture.ts';
import { HttpClient } from '../support/http-client.ts';

/**
 * Published versions are immutable: a draft stays on the version it was started with, and every
 * submission names the exact version it was made with.
 */
for (const dialect of DIALECTS) {
  describe(`service versions (${dialect.name})`, () => {
    let t: TestApp;
    let base: string;
    let offset = 0;
    before(async () => {
      t = await startTestApp(dialect, { clock: { now: () => new Date(Date.now() + offset) } });
      base = await publishFixture(t);
    });
    after(() => t.close());

    test('a draft keeps its version after a new one is published; submissions name their version', async () => {
      const early = new HttpClient(t.app.server);
      const earlyCheck = await fillFixture(early, base, 'Early');

      const definition = JSON.parse(
        readFileSync(join(import.meta.dirname, '..', 'fixtures', 'testantrag.json'), 'utf8'),
      );
      definition.title.de = 'Testantrag, neue Fassung';
      const tenant = await t.app.store.tenants.bySlug('musterstadt');
      const outcome = await publishService(
        { store: t.app.store, clock: t.app.clock },
        tenant!.id,
        definition,
      );
      assert.ok(outcome.ok);
      assert.equal(outcome.version.version, 2);

      // Other instances may show the previous version for a few seconds; after that, the new one.
      offset += CATALOG_CACHE_MS + 1;
      const late = new HttpClient(t.app.server);
      const start = await late.get(base);
      assert.match(start.body, /Testantrag, neue Fassung/);
      const lateCheck = await fillFixture(late, base, 'Late');

      // The early draft still shows and submits version 1.
      const check = await early.get(`${base}/pruefen`);
      assert.doesNotMatch(check.body, /neue Fassung/);
      await early.submit(earlyCheck, 'Antrag verbindlich absenden', { erklaerung: 'ja' });
      await late.submit(lateCheck, 'Antrag verbindlich absenden', { erklaerung: 'ja' });

      const inbox = await t.app.store.submissions.inbox(tenant!.id, { page: 1, pageSize: 10 });
      const versions = inbox.items.map((s) => s.serviceVersion).sort();
      assert.deepEqual(versions, [1, 2]);
      const early1 = inbox.items.find((s) => s.serviceVersion === 1)!;
      const stored = await t.app.store.submissions.byId(tenant!.id, early1.id);
      assert.equal(stored?.answers.vorname, 'VornameEarly');
    });
  });
}
