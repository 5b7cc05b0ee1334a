import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../test/support/databases.ts';
import { bundledCodeLists } from '../../test/support/demo-definitions.ts';
import { storeFor } from '../../test/support/storage/fixtures.ts';
import type { Store } from '../core/ports.ts';
import { seedDemo } from './demo-seed.ts';

const definitionsDir = new URL('../../definitions/', import.meta.url).pathname;
const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
/** Demo passwords are hashed; the test only needs them stored. */
const passwords = {
  hash: async (p: string) => `plain:${p}`,
  verify: async (h: string, p: string) => h === `plain:${p}`,
};

for (const d of DIALECTS) {
  describe(`the demo seed on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let dir: string;
    const seed = () =>
      seedDemo({
        store,
        clock,
        passwords,
        codeLists: bundledCodeLists,
        definitionsDir,
        credentialsFile: join(dir, 'demo-credentials.json'),
      });

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      dir = mkdtempSync(join(tmpdir(), 'amtsweg-seed-'));
    });
    after(async () => {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    it('publishes each demo service once; a restart publishes nothing', async () => {
      const first = await seed();
      assert.equal(first.published.length, 6, first.published.join(', '));
      assert.deepEqual((await seed()).published, []);
    });

    it("does not replace a designer's later version or bring back an offline service", async () => {
      const tenant = (await store.tenants.bySlug('musterstadt'))!;
      const hund = (await store.services.latestBySlug(tenant.id, 'hund-anmelden'))!;
      const improved = { ...hund.definition, title: { de: 'Hund anmelden (verbessert)' } };
      await store.services.publish(tenant.id, improved, clock.now().toISOString());
      await store.services.setWithdrawn(
        tenant.id,
        hund.serviceId,
        clock.now().toISOString(),
        {
          tenantId: tenant.id,
          actorType: 'staff',
          actorId: null,
          action: 'service.withdrawn',
          subjectType: 'service',
          subjectId: hund.serviceId,
        },
        clock.now().toISOString(),
      );
      assert.deepEqual((await seed()).published, []);
      const latest = (await store.services.latestBySlug(tenant.id, 'hund-anmelden'))!;
      assert.equal(latest.version, 2);
      assert.equal(latest.definition.title.de, 'Hund anmelden (verbessert)');
    });
  });
}
