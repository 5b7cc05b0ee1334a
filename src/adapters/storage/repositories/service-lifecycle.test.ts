import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  definition,
  newDraft,
  submissionInput,
  type TenantFixture,
  twoTenants,
} from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2025-05-01T10:00:00.000Z';
const event = (f: TenantFixture, action: string): AuditEvent => ({
  tenantId: f.tenantId,
  actorType: 'staff',
  actorId: null,
  action,
  subjectType: 'service',
  subjectId: f.serviceId,
});

for (const d of DIALECTS) {
  describe(`service lifecycle in storage on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    it('a withdrawn service leaves the catalogue, stays for designers, and comes back', async () => {
      assert.equal(
        await store.services.setWithdrawn(a.tenantId, a.serviceId, AT, event(a, 'service.withdrawn'), AT),
        true,
      );
      assert.equal(
        await store.services.setWithdrawn(a.tenantId, a.serviceId, AT, event(a, 'service.withdrawn'), AT),
        false,
        'twice changes nothing',
      );
      assert.deepEqual(await store.services.listLatest(a.tenantId), []);
      const all = await store.services.listLatestIncludingWithdrawn(a.tenantId);
      assert.equal(all[0]?.withdrawnAt, AT);
      assert.equal((await store.services.latestBySlug(a.tenantId, 'meldung'))?.withdrawnAt, AT);
      const next = await store.services.publish(a.tenantId, definition('meldung', 'Meldung v2'), AT);
      assert.equal(next.withdrawnAt, AT, 'a new version does not bring it back');
      assert.equal(
        await store.services.setWithdrawn(a.tenantId, a.serviceId, null, event(a, 'service.reinstated'), AT),
        true,
      );
      assert.equal((await store.services.listLatest(a.tenantId))[0]?.version, 2);
      const actions = (await store.audit.list(a.tenantId, a.serviceId)).map((e) => e.action);
      assert.deepEqual(actions, ['service.withdrawn', 'service.reinstated']);
    });

    it('another tenant cannot withdraw or delete it', async () => {
      assert.equal(await store.services.setWithdrawn(b.tenantId, a.serviceId, AT, event(b, 'x'), AT), false);
      assert.equal(await store.services.delete(b.tenantId, a.serviceId, event(b, 'x'), AT), 'not-found');
      assert.equal((await store.services.listLatest(a.tenantId)).length, 1);
    });

    it('lists the history of versions, newest first', async () => {
      const history = await store.services.history(a.tenantId, 'meldung');
      assert.deepEqual(
        history.map((h) => [h.version, h.title.de]),
        [
          [2, 'Meldung v2'],
          [1, 'Dienst meldung'],
        ],
      );
      assert.deepEqual(await store.services.history(b.tenantId, 'gibt-es-nicht'), []);
    });

    it('a service with a submission is never deleted; one without goes with its drafts', async () => {
      const { input, audit } = submissionInput(b, b.draftId);
      await store.submissions.createFromDraft(input, audit);
      assert.equal(
        await store.services.delete(b.tenantId, b.serviceId, event(b, 'service.deleted'), AT),
        'has-submissions',
      );
      assert.equal((await store.services.listLatest(b.tenantId)).length, 1, 'nothing changed');
      assert.equal((await store.services.latestBySlug(b.tenantId, 'meldung'))?.withdrawnAt, null);

      const draft = await newDraft(store, a);
      await store.attachments.add({
        id: randomUUID(),
        tenantId: a.tenantId,
        draftId: draft.id,
        fieldKey: 'name',
        name: 'a.pdf',
        mediaType: 'application/pdf',
        size: 3,
        sha256: 'x',
        content: new Uint8Array([1, 2, 3]),
        createdAt: AT,
        scan: { status: 'not-scanned' },
      });
      assert.equal(
        await store.services.delete(a.tenantId, a.serviceId, event(a, 'service.deleted'), AT),
        'deleted',
      );
      assert.equal(await store.services.latestBySlug(a.tenantId, 'meldung'), undefined);
      assert.deepEqual(await store.services.history(a.tenantId, 'meldung'), []);
      assert.equal(await store.drafts.find(a.tenantId, a.serviceId, a.sessionHash), undefined);
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, draft.id), []);
      const actions = (await store.audit.list(a.tenantId, a.serviceId)).map((e) => e.action);
      assert.equal(actions.at(-1), 'service.deleted', 'the audit trail keeps the deletion');
      assert.equal((await store.services.listLatest(b.tenantId)).length, 1, 'the other tenant keeps its own');
    });
  });
}
