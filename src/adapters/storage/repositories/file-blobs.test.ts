import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  newDraft,
  seedTenant,
  storeFor,
  type TenantFixture,
} from '../../../../test/support/storage/fixtures.ts';
import type { BlobStore, Store } from '../../../core/ports.ts';
import { databaseBlobStore } from './file-blobs.ts';

for (const d of DIALECTS) {
  describe(`the database's blob store on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let blobs: BlobStore;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      database = await d.open();
      ({ store } = storeFor(database));
      blobs = databaseBlobStore({ db: database.db, write: (work) => work(database.db) });
      a = await seedTenant(store, 'a-stadt');
      b = await seedTenant(store, 'b-stadt');
    });
    after(() => database.destroy());

    /** An attachment row of tenant `f` (a blob belongs to a row). */
    const row = async (f: TenantFixture) => {
      const draft = await newDraft(store, f);
      const id = randomUUID();
      await database.db
        .insertInto('attachments')
        .values({
          id,
          tenant_id: f.tenantId,
          draft_id: draft.id,
          submission_id: null,
          field_key: 'nachweis',
          meta_enc: 'x',
          binding: 2,
          size_bytes: 1,
          created_at: '2026-11-01T10:00:00.000Z',
          scan_status: 'not-scanned',
          scanned_at: null,
        })
        .execute();
      return id;
    };

    it('keeps bytes exactly (all 256 values, a few MB), replaces them, deletes them', async () => {
      const id = await row(a);
      const every = Buffer.from(Array.from({ length: 256 }, (_, n) => n));
      const bytes = Buffer.concat([every, randomBytes(3 * 1024 * 1024), every]);
      await blobs.put(a.tenantId, id, bytes);
      assert.deepEqual(Buffer.from((await blobs.get(a.tenantId, id))!), bytes);
      await blobs.put(a.tenantId, id, every);
      assert.deepEqual(Buffer.from((await blobs.get(a.tenantId, id))!), every);
      await blobs.delete(a.tenantId, id);
      assert.equal(await blobs.get(a.tenantId, id), undefined);
    });

    it("keeps tenants apart: another tenant's key reads, replaces and deletes nothing", async () => {
      const id = await row(a);
      await blobs.put(a.tenantId, id, Buffer.from('Bescheid A'));
      assert.equal(await blobs.get(b.tenantId, id), undefined);
      await blobs.put(b.tenantId, id, Buffer.from('fremd'));
      await blobs.delete(b.tenantId, id);
      assert.deepEqual(Buffer.from((await blobs.get(a.tenantId, id))!), Buffer.from('Bescheid A'));
    });

    it('refuses bytes without their attachment row, and drops them with it', async () => {
      await assert.rejects(blobs.put(a.tenantId, randomUUID(), Buffer.from('lose')));
      const id = await row(a);
      await blobs.put(a.tenantId, id, Buffer.from('mit Zeile'));
      await database.db.deleteFrom('attachments').where('id', '=', id).execute();
      assert.equal(await blobs.get(a.tenantId, id), undefined);
    });
  });
}
