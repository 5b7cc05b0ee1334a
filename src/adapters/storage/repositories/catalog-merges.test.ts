import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import { definition, type TenantFixture, twoTenants } from '../../../../test/support/storage/fixtures.ts';
import type { AuditEvent, EditorDraft } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';

const AT = '2026-02-01T10:00:00.000Z';

const audit = (tenantId: string, action: string, subjectId: string): AuditEvent => ({
  tenantId,
  actorType: 'staff',
  actorId: 'designer',
  action,
  subjectType: 'editor_draft',
  subjectId,
});

for (const d of DIALECTS) {
  describe(`catalog merges on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;
    let draft: EditorDraft;

    before(async () => {
      ({ database, store, a, b } = await twoTenants(d, 'a-stadt', 'b-dorf'));
      draft = {
        id: randomUUID(),
        tenantId: b.tenantId,
        slug: 'meldung',
        definition: definition('meldung', 'Gemergt'),
        version: 1,
        source: 'service',
        sourceId: b.versionId,
        basedOnVersionId: b.versionId,
        createdBy: 'designer',
        createdAt: AT,
        updatedBy: 'designer',
        updatedAt: AT,
      };
    });
    after(() => database.destroy());

    const merge = () => ({
      tenantId: b.tenantId,
      slug: 'meldung',
      entryId: randomUUID(),
      baseVersionId: a.versionId,
      theirsVersionId: a.versionId,
      ours: definition('meldung', 'Unsere'),
      mergedBy: 'designer',
      mergedAt: AT,
    });

    it('starts a merge with its new draft and audit event in one transaction; for its municipality only', async () => {
      assert.equal(
        await store.catalogMerges.start(
          merge(),
          { kind: 'new', draft },
          audit(b.tenantId, 'catalog.mergeStarted', draft.id),
        ),
        true,
      );
      const stored = await store.catalogMerges.of(b.tenantId, 'meldung');
      assert.equal(stored?.draftId, draft.id);
      assert.equal(stored?.draftVersion, 1);
      assert.deepEqual(stored?.resolutions, {});
      assert.equal(stored?.ours.title.de, 'Unsere');
      assert.equal((await store.editorDrafts.byId(b.tenantId, draft.id))?.definition.title.de, 'Gemergt');
      assert.equal(await store.catalogMerges.of(a.tenantId, 'meldung'), undefined);
      assert.equal((await store.audit.list(b.tenantId, draft.id)).length, 1);
    });

    it('of two decisions made on the same draft version exactly one is saved', async () => {
      const stored = (await store.catalogMerges.of(b.tenantId, 'meldung'))!;
      const decide = (title: string) =>
        store.catalogMerges.resolve(
          stored,
          1,
          {
            definition: definition('meldung', title),
            resolutions: { [`service/title-${title}`]: { take: 'theirs' } },
            updatedBy: 'designer',
            updatedAt: AT,
          },
          audit(b.tenantId, 'catalog.mergeDecided', draft.id),
        );
      const results = await Promise.all([decide('Eins'), decide('Zwei')]);
      assert.deepEqual(results.filter(Boolean).length, 1);
      const winner = results[0] ? 'Eins' : 'Zwei';
      const after = await store.catalogMerges.of(b.tenantId, 'meldung');
      assert.equal(after?.draftVersion, 2);
      assert.deepEqual(Object.keys(after?.resolutions ?? {}), [`service/title-${winner}`]);
      const saved = await store.editorDrafts.byId(b.tenantId, draft.id);
      assert.equal(saved?.version, 2);
      assert.equal(saved?.definition.title.de, winner);
      assert.equal(
        (await store.audit.list(b.tenantId, draft.id)).filter((e) => e.action === 'catalog.mergeDecided')
          .length,
        1,
      );
    });

    it('refuses a decision when the draft was saved elsewhere since the merge wrote it, changing nothing', async () => {
      const saved = await store.editorDrafts.save(
        b.tenantId,
        draft.id,
        2,
        { definition: definition('meldung', 'Im Editor'), updatedBy: 'designer', updatedAt: AT },
        audit(b.tenantId, 'editorDraft.saved', draft.id),
      );
      assert.equal(saved?.version, 3);
      const stored = (await store.catalogMerges.of(b.tenantId, 'meldung'))!;
      for (const version of [2, 3]) {
        const refused = await store.catalogMerges.resolve(
          stored,
          version,
          {
            definition: definition('meldung', 'Nein'),
            resolutions: {},
            updatedBy: 'designer',
            updatedAt: AT,
          },
          audit(b.tenantId, 'catalog.mergeDecided', draft.id),
        );
        assert.equal(refused, false, `on version ${version}`);
      }
      assert.equal((await store.editorDrafts.byId(b.tenantId, draft.id))?.definition.title.de, 'Im Editor');
      assert.equal((await store.catalogMerges.of(b.tenantId, 'meldung'))?.draftVersion, 2);
      // Starting again on a version that moved on writes nothing either.
      const current = (await store.editorDrafts.byId(b.tenantId, draft.id))!;
      const restart = await store.catalogMerges.start(
        merge(),
        {
          kind: 'existing',
          draft: { ...current, definition: definition('meldung', 'Neu') },
          expectedVersion: 2,
        },
        audit(b.tenantId, 'catalog.mergeStarted', draft.id),
      );
      assert.equal(restart, false);
      assert.equal((await store.editorDrafts.byId(b.tenantId, draft.id))?.version, 3);
      const again = await store.catalogMerges.start(
        merge(),
        {
          kind: 'existing',
          draft: { ...current, definition: definition('meldung', 'Neu') },
          expectedVersion: 3,
        },
        audit(b.tenantId, 'catalog.mergeStarted', draft.id),
      );
      assert.equal(again, true);
      const restarted = await store.catalogMerges.of(b.tenantId, 'meldung');
      assert.equal(restarted?.draftVersion, 4);
      assert.deepEqual(restarted?.resolutions, {});
    });

    it('notes the upload a merge was handed over as, in its municipality only', async () => {
      await store.catalogMerges.handedOver(a.tenantId, draft.id, 'someone-else');
      assert.equal((await store.catalogMerges.of(b.tenantId, 'meldung'))?.candidateId, null);
      await store.catalogMerges.handedOver(b.tenantId, draft.id, 'candidate-1');
      assert.equal((await store.catalogMerges.of(b.tenantId, 'meldung'))?.candidateId, 'candidate-1');
    });
  });
}
