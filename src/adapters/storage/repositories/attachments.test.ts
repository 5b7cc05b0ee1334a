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
import { createLogger } from '../../../app.ts';
import type { NewAttachment, Store } from '../../../core/ports.ts';
import { bindAttachmentsToApplications } from '../../../jobs/attachment-binding.ts';
import type { TenantCipher } from '../../crypto/envelope.ts';
import { placeAad } from '../../crypto/envelope.ts';
import { createStore } from '../store.ts';

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
    scan: { status: 'not-scanned' },
  };
}
const meta = ({ tenantId: _t, draftId: _d, content: _c, createdAt: _at, ...rest }: NewAttachment) => rest;

for (const d of DIALECTS) {
  describe(`attachments on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let cipher: TenantCipher;
    let a: TenantFixture;
    let b: TenantFixture;

    before(async () => {
      database = await d.open();
      ({ store, cipher } = storeFor(database));
      a = await seedTenant(store, 'a-stadt');
      b = await seedTenant(store, 'b-stadt');
    });
    after(() => database.destroy());
    const blobIds = async (ids: string[]) =>
      (
        await database.db
          .selectFrom('file_blobs')
          .select('attachment_id')
          .where('attachment_id', 'in', ids)
          .execute()
      ).map((r) => r.attachment_id);

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
      const blob = await database.db
        .selectFrom('file_blobs')
        .selectAll()
        .where('attachment_id', '=', one.id)
        .executeTakeFirstOrThrow();
      assert.ok(blob.content instanceof Uint8Array, 'the content is stored as bytes, not text');
      assert.equal(blob.tenant_id, a.tenantId);
      // The binary form: `B1`, key version, IV, then ciphertext and tag (16 bytes) of the bytes.
      assert.equal(Buffer.from(blob.content).subarray(0, 2).toString('latin1'), 'B1');
      assert.equal(blob.content.byteLength, 2 + 4 + 12 + one.content.byteLength + 16);
      assert.doesNotMatch(
        Buffer.from(blob.content).toString('latin1') + row.meta_enc,
        /Kiwi|PDF|application/,
      );
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
      assert.deepEqual(await blobIds([one.id]), [], 'its bytes are gone too');
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
      // The bytes go with their rows (the blob store's foreign key), whoever deletes the rows.
      const fourth = await newDraft(store, a);
      const freshFile = file(a, fourth.id, 'fresh-2');
      await store.attachments.add(freshFile);
      await store.drafts.delete(a.tenantId, fourth.id);
      assert.deepEqual(await blobIds([oldFile.id, youngFile.id, freshFile.id]), [youngFile.id]);
    });

    it('a file whose bytes cannot be stored is not kept at all', async () => {
      const draft = await newDraft(store, a);
      const failing = createStore(database.db, database.dialect, cipher, {
        blobs: {
          put: async () => {
            throw new Error('object store down');
          },
          get: async () => undefined,
          delete: async () => undefined,
        },
      });
      await assert.rejects(failing.attachments.add(file(a, draft.id, 'verloren')), /object store down/);
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, draft.id), [], 'no row without its bytes');
    });

    const move = (
      id: string,
      change: { draft_id?: string | null; submission_id?: string | null; binding?: number },
    ) => database.db.updateTable('attachments').set(change).where('id', '=', id).execute();

    it('a file moved to another application does not decrypt there (draft, submission, or set back to the old binding)', async () => {
      const draft = await newDraft(store, a);
      const other = await newDraft(store, a);
      const one = file(a, draft.id, 'bewegt');
      await store.attachments.add(one);
      await move(one.id, { draft_id: other.id });
      await assert.rejects(store.attachments.ofDraft(a.tenantId, other.id), { code: 'ERR_DECRYPT_FAILED' });
      await move(one.id, { draft_id: draft.id, binding: 1 });
      await assert.rejects(store.attachments.ofDraft(a.tenantId, draft.id), { code: 'ERR_DECRYPT_FAILED' });
      await move(one.id, { binding: 2 });
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, draft.id), [meta(one)], 'back in place');

      // Submitted: the file is bound to the draft id the submission keeps.
      const sent = await newDraft(store, a);
      const kept = file(a, sent.id, 'eingereicht');
      await store.attachments.add(kept);
      const first = submissionInput(a, sent.id, { attachmentIds: [kept.id] });
      await store.submissions.createFromDraft(first.input, first.audit);
      const victim = await newDraft(store, a);
      const second = submissionInput(a, victim.id);
      await store.submissions.createFromDraft(second.input, second.audit);
      assert.equal(
        (await store.attachments.contentOfSubmission(a.tenantId, first.input.id, kept.id))?.meta.name,
        kept.name,
      );
      await move(kept.id, { submission_id: second.input.id });
      await assert.rejects(store.attachments.ofSubmission(a.tenantId, second.input.id), {
        code: 'ERR_DECRYPT_FAILED',
      });
      await assert.rejects(store.attachments.contentOfSubmission(a.tenantId, second.input.id, kept.id), {
        code: 'ERR_DECRYPT_FAILED',
      });
    });

    it('files written before migration 0019 still decrypt, and are bound to their application once', async () => {
      // A draft file and a submitted file as earlier versions wrote them: AAD of their row only.
      const oldRow = async (f: NewAttachment, submissionId: string | null) => {
        const metaEnc = await cipher.encrypt(
          f.tenantId,
          JSON.stringify({ name: f.name, mediaType: f.mediaType, size: f.size, sha256: f.sha256 }),
          placeAad(f.tenantId, 'attachments.meta', f.id),
        );
        const contentEnc = await cipher.encryptBinary(
          f.tenantId,
          f.content,
          placeAad(f.tenantId, 'attachments.content', f.id),
        );
        await database.db
          .insertInto('attachments')
          .values({
            id: f.id,
            tenant_id: f.tenantId,
            draft_id: submissionId ? null : f.draftId,
            submission_id: submissionId,
            field_key: f.fieldKey,
            meta_enc: metaEnc,
            binding: 1,
            size_bytes: f.size,
            created_at: f.createdAt,
            scan_status: 'not-scanned',
            scanned_at: null,
          })
          .execute();
        await database.db
          .insertInto('file_blobs')
          .values({ attachment_id: f.id, tenant_id: f.tenantId, content: contentEnc })
          .execute();
      };
      const open = await newDraft(store, a);
      const openFile = file(a, open.id, 'alt-offen');
      await oldRow(openFile, null);
      const sent = await newDraft(store, a);
      const sentFile = file(a, sent.id, 'alt-eingereicht');
      const submission = submissionInput(a, sent.id);
      await store.submissions.createFromDraft(submission.input, submission.audit);
      await oldRow(sentFile, submission.input.id);

      assert.deepEqual(
        await store.attachments.ofDraft(a.tenantId, open.id),
        [meta(openFile)],
        'old rows read',
      );
      assert.deepEqual(await store.attachments.ofSubmission(a.tenantId, submission.input.id), [
        meta(sentFile),
      ]);

      const logger = createLogger('silent');
      assert.ok((await bindAttachmentsToApplications(store, logger)) >= 2);
      const rows = await database.db
        .selectFrom('attachments')
        .select(['id', 'binding'])
        .where('id', 'in', [openFile.id, sentFile.id])
        .execute();
      assert.deepEqual(
        rows.map((r) => Number(r.binding)),
        [2, 2],
      );
      assert.equal(await bindAttachmentsToApplications(store, logger), 0, 'nothing left to bind');

      // Still readable where they belong...
      assert.deepEqual(await store.attachments.ofDraft(a.tenantId, open.id), [meta(openFile)]);
      const content = await store.attachments.contentOfSubmission(
        a.tenantId,
        submission.input.id,
        sentFile.id,
      );
      assert.deepEqual(content?.content && Buffer.from(content.content), sentFile.content);
      // ...and nowhere else.
      const elsewhere = await newDraft(store, a);
      await move(openFile.id, { draft_id: elsewhere.id });
      await assert.rejects(store.attachments.ofDraft(a.tenantId, elsewhere.id), {
        code: 'ERR_DECRYPT_FAILED',
      });

      // A binding run stopped after rewriting the bytes, before marking the row: still read, and
      // the next run finishes it.
      await database.db
        .updateTable('attachments')
        .set({ binding: 1 })
        .where('id', '=', sentFile.id)
        .execute();
      await database.db
        .updateTable('attachments')
        .set({
          meta_enc: await cipher.encrypt(
            a.tenantId,
            JSON.stringify({
              name: sentFile.name,
              mediaType: sentFile.mediaType,
              size: sentFile.size,
              sha256: sentFile.sha256,
            }),
            placeAad(a.tenantId, 'attachments.meta', sentFile.id),
          ),
        })
        .where('id', '=', sentFile.id)
        .execute();
      const halfway = await store.attachments.contentOfSubmission(
        a.tenantId,
        submission.input.id,
        sentFile.id,
      );
      assert.deepEqual(halfway?.content && Buffer.from(halfway.content), sentFile.content);
      assert.equal(await bindAttachmentsToApplications(store, logger), 1);
      const done = await store.attachments.contentOfSubmission(a.tenantId, submission.input.id, sentFile.id);
      assert.deepEqual(done?.content && Buffer.from(done.content), sentFile.content);
    });
  });
}
