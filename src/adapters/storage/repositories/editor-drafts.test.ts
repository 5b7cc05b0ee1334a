import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { definition, type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent, EditorDraft } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2026-01-01T10:00:00.000Z';

function draftOf(tenant: TenantFixture, id: string): EditorDraft {
  return {
    id,
    tenantId: tenant.tenantId,
    slug: 'umzug',
    definition: definition('umzug', 'Umzug'),
    version: 1,
    source: 'new',
    sourceId: null,
    basedOnVersionId: null,
    createdBy: 'designer-1',
    createdAt: AT,
    updatedBy: 'designer-1',
    updatedAt: AT,
  };
}

const audit = (tenant: TenantFixture, id: string, action: string): AuditEvent => ({
  tenantId: tenant.tenantId,
  actorType: 'staff',
  actorId: 'designer-1',
  action,
  subjectType: 'editor_draft',
  subjectId: id,
});

for (const d of DIALECTS) {
  describe(`editor drafts on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
    });
    after(() => database.destroy());

    it('stores, lists and reads a draft only for its tenant', async () => {
      const draft = draftOf(a, '00000000-0000-4000-8000-000000000001');
      await store.editorDrafts.create(draft, audit(a, draft.id, 'editorDraft.created'));
      assert.deepEqual(await store.editorDrafts.byId(a.tenantId, draft.id), draft);
      assert.equal(await store.editorDrafts.byId(b.tenantId, draft.id), undefined);
      assert.deepEqual(
        (await store.editorDrafts.list(a.tenantId)).map((s) => [s.id, s.title.de]),
        [[draft.id, 'Umzug']],
      );
      assert.deepEqual(await store.editorDrafts.list(b.tenantId), []);
      assert.equal((await store.audit.list(a.tenantId, draft.id)).length, 1);
    });

    it('of two saves on the same version exactly one wins; another tenant cannot save or delete', async () => {
      const draft = draftOf(a, '00000000-0000-4000-8000-000000000002');
      await store.editorDrafts.create(draft, audit(a, draft.id, 'editorDraft.created'));
      const save = (title: string, tenant = a) =>
        store.editorDrafts.save(
          tenant.tenantId,
          draft.id,
          1,
          { definition: definition('umzug', title), updatedBy: 'designer-2', updatedAt: AT },
          audit(tenant, draft.id, 'editorDraft.saved'),
        );
      assert.equal(await save('Fremd', b), undefined, 'another tenant saves nothing');
      const results = await Promise.all([save('Eins'), save('Zwei')]);
      const won = results.filter((r) => r !== undefined);
      assert.equal(won.length, 1, 'exactly one save wins');
      const stored = await store.editorDrafts.byId(a.tenantId, draft.id);
      assert.equal(stored!.version, 2);
      assert.equal(stored!.definition.title.de, won[0]!.definition.title.de);
      assert.equal(stored!.updatedBy, 'designer-2');
      assert.equal(
        (await store.audit.list(a.tenantId, draft.id)).length,
        2,
        'one audit event per save that won',
      );
      assert.equal(
        await store.editorDrafts.delete(b.tenantId, draft.id, 2, audit(b, draft.id, 'x'), AT),
        false,
      );
      assert.equal(
        await store.editorDrafts.delete(a.tenantId, draft.id, 1, audit(a, draft.id, 'x'), AT),
        false,
        'a stale delete throws nothing away',
      );
      assert.equal(
        await store.editorDrafts.delete(
          a.tenantId,
          draft.id,
          2,
          audit(a, draft.id, 'editorDraft.deleted'),
          AT,
        ),
        true,
      );
      assert.equal(await store.editorDrafts.byId(a.tenantId, draft.id), undefined);
    });
  });
}
