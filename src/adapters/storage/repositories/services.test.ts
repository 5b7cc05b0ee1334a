import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { definition, type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import type { Store } from '../../../core/ports.ts';

for (const d of DIALECTS) {
  describe(`services.versionByNumber on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    it('finds every published version of a service by its number', async () => {
      const v1 = await store.services.publish(
        a.tenantId,
        definition('umzug', 'Umzug v1'),
        '2025-01-01T00:00:00.000Z',
      );
      const v2 = await store.services.publish(
        a.tenantId,
        definition('umzug', 'Umzug v2'),
        '2025-01-02T00:00:00.000Z',
      );
      assert.deepEqual(await store.services.versionByNumber(a.tenantId, 'umzug', 1), v1);
      assert.deepEqual(await store.services.versionByNumber(a.tenantId, 'umzug', 2), v2);
      assert.equal(
        (await store.services.versionByNumber(a.tenantId, 'umzug', 1))?.definition.title.de,
        'Umzug v1',
      );
    });

    it('returns undefined for numbers, slugs and tenants that do not match', async () => {
      assert.equal(await store.services.versionByNumber(a.tenantId, 'umzug', 3), undefined);
      assert.equal(await store.services.versionByNumber(a.tenantId, 'umzug', 0), undefined);
      assert.equal(await store.services.versionByNumber(a.tenantId, 'gibt-es-nicht', 1), undefined);
      // Another tenant's service: b has no 'umzug', and its 'meldung' is not a's.
      assert.equal(await store.services.versionByNumber(b.tenantId, 'umzug', 1), undefined);
      const bMeldung = await store.services.versionByNumber(b.tenantId, 'meldung', 1);
      assert.equal(bMeldung?.tenantId, b.tenantId);
      assert.equal(bMeldung?.id, b.versionId);
      assert.notEqual(bMeldung?.id, a.versionId);
    });
  });
}
