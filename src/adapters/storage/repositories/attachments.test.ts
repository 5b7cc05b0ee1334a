import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../test/support/databases.ts';
import {
  newDraft,
  seedTenant,
  storeFor,
  submissionInput,
  type TenantFixture,
} from '../../../../test/support/storage/fixtures.ts';
import type { NewAttachment, Store } from '../../../core/ports.ts';

const NOW = '2025-03-01T10:00:00.000Z';

function file(f: TenantFixture, draftId: string, text: string, name = `${text}.pdf`): NewAttachment {
  const content = Buffer.from(`%PDF-1.4 ${text}`);
  return {
    id: randomUUID(),
    tenantId: f.tenantId,
    draftId,
    fieldKey: 'nachweis',
    name,
    mediaType: 'application/pdf',
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    content,
    createdAt: NOW,
  };
}
const meta = ({ tenantId: _t, draftId: _d, content: _c, createdAt: _at, ...rest }: NewAttachment) => rest;

for (const d of DIALECTS) {
  describe(`attachments on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      a = await seedTenant(store, 'a-stadt');
      b = await seedTenant(store, 'b-stadt');
    });
    after(() => database.destroy());

    it('stores a draft file encrypted and lists it for its draft only', async () => {
      const draft = await newDraft(store, a);
      const one = file(a, draft.id, 'UniqueContentKiwi', 'Geheimer-Name-Kiwi.pdf');
      await store.attachments.add(one);
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, draft.id), [meta(one)]);
      assert.deepEqual(
        await store.attachments.ofDraft(b.tenantId, draft.id),
        [],
        'another tenant sees nothing',
      );
      assert.deepEqual(
        await store.attachments.ofDraft(a.tenantId, a.draftId),
        [],
        'another draft sees nothing',
      );
      const row = await database.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', one.id)
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(row.content_enc + row.meta_enc, /Kiwi|PDF|application/);
      assert.equal(Number(row.size_bytes), one.size);
      if (database.sqlitePath) {
        const bytes = Buffer.concat(
          ['', '-wal'].map((s) => {
            try {
              return readFileSync(database.sqlitePath + s);
            } catch {
              return Buffer.alloc(0);
            }
          }),
        );
        assert.equal(bytes.includes('UniqueContentKiwi'), false);
        assert.equal(bytes.includes('Geheimer-Name-Kiwi'), false);
      }
    });

    it('removes a draft file at once, only for its tenant and draft', async () => {
      const draft = await newDraft(store, a);
      const one = file(a, draft.id, 'eins');
      await store.attachments.add(one);
      assert.equal(await store.attachments.removeFromDraft(b.tenantId, draft.id, one.id), undefined);
      assert.equal(await store.attachments.removeFromDraft(a.tenantId, a.draftId, one.id), undefined);
      assert.deepEqual(await store.attachments.removeFromDraft(a.tenantId, draft.id, one.id), meta(one));
      const left = await database.db
        .selectFrom('attachments')
        .select('id')
        .where('id', '=', one.id)
        .execute();
      assert.deepEqual(left, []);
    });

    it('hands the named files to the submission in the submit, drops the others, and stays idempotent', async () => {
      const draft = await newDraft(store, a);
      const kept = file(a, draft.id, 'kept');
      const dropped = file(a, draft.id, 'dropped');
      await store.attachments.add(kept);
      await store.attachments.add(dropped);
      const { input, audit } = submissionInput(a, draft.id, { attachmentIds: [kept.id] });
      const first = await store.submissions.createFromDraft(input, audit);
      assert.equal(first.created, true);
      assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, input.id), [meta(kept)]);
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, draft.id), []);
      const all = await database.db
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', [kept.id, dropped.id])
        .execute();
      assert.deepEqual(
        all.map((r) => r.id),
        [kept.id],
        'the unnamed file is deleted',
      );
      const got = await store.attachments.contentOfSubmission(a.tenantId, input.id, kept.id);
      assert.deepEqual(got?.content && Buffer.from(got.content), kept.content);
      assert.equal(await store.attachments.contentOfSubmission(b.tenantId, input.id, kept.id), undefined);
      assert.equal(
        await store.attachments.removeFromDraft(a.tenantId, draft.id, kept.id),
        undefined,
        'a sent file stays',
      );
      // Again (a double click): nothing changes, the file stays the submission's.
      const again = submissionInput(a, draft.id, { attachmentIds: [kept.id] });
      assert.equal((await store.submissions.createFromDraft(again.input, again.audit)).created, false);
      assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, input.id), [meta(kept)]);
      // Deleting the (submitted) draft keeps the submission's files.
      await store.drafts.delete(a.tenantId, draft.id);
      assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, input.id), [meta(kept)]);
    });

    it('refuses the whole submit when a named file is not the draft’s', async () => {
      const draft = await newDraft(store, a);
      const foreign = file(b, b.draftId, 'foreign');
      await store.attachments.add(foreign);
      const { input, audit } = submissionInput(a, draft.id, { attachmentIds: [foreign.id] });
      await assert.rejects(store.submissions.createFromDraft(input, audit), /draft/);
      assert.equal(
        await store.submissions.summaryById(a.tenantId, input.id),
        undefined,
        'nothing was stored',
      );
      assert.deepEqual(await store.attachments.ofDraft(b.tenantId, b.draftId), [meta(foreign)]);
    });

    it('deletes unsent files with their draft: at a fresh start and by the retention job', async () => {
      const fresh = await newDraft(store, a);
      await store.attachments.add(file(a, fresh.id, 'fresh'));
      await store.drafts.delete(a.tenantId, fresh.id);
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, fresh.id), []);

      const old = await newDraft(store, a, {}, '2025-03-02T00:00:00.000Z');
      const oldFile = file(a, old.id, 'old');
      await store.attachments.add(oldFile);
      const young = await newDraft(store, a, {}, '2099-01-01T00:00:00.000Z');
      const youngFile = file(a, young.id, 'young');
      await store.attachments.add(youngFile);
      assert.ok((await store.drafts.deleteExpired('2025-06-01T00:00:00.000Z')) >= 1);
      const left = await database.db
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', [oldFile.id, youngFile.id])
        .execute();
      assert.deepEqual(
        left.map((r) => r.id),
        [youngFile.id],
      );
    });
  });
}
