/**
 * Uploaded files (ADR 0018). Name, type, size and hash are encrypted together as `meta_enc`, the
 * bytes in binary form into the blob store (`BlobStore`, ADR 0037; the database's is
 * `file-blobs.ts`), each bound to its tenant, table, row and application by the AAD (and to
 * each other by the distinct table names in it), so neither can be moved to another row or
 * another application unnoticed (ADR 0031). The application is the draft id: an open draft's
 * files carry it in `draft_id`, a submission keeps it in `submissions.draft_id`. Every query names
 * the tenant; a draft's files can only be read or deleted while the draft is not submitted, a
 * submission's only through the submission.
 */

import type { AttachmentMeta, FileScan } from '../../../core/domain.ts';
import { StorageError } from '../../../core/errors.ts';
import type { BlobStore, Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import { type StoreContext, toCount } from './context.ts';

export const META = 'attachments.meta';
export const CONTENT = 'attachments.content';

/** The AAD of every file written now: its place and its application (migration 0019). */
export const BOUND_TO_APPLICATION = 2;
/** Rows written before migration 0019: bound to their place only, until re-encrypted. */
export const BOUND_TO_ROW = 1;

/** The AAD of a file's `part` (meta or content) under the row's `binding`. */
export function attachmentAad(
  tenantId: string,
  part: typeof META | typeof CONTENT,
  id: string,
  binding: number,
  draftId: string,
): string {
  const place = placeAad(tenantId, part, id);
  // An unknown binding gets an AAD nothing was written with: it does not decrypt.
  if (binding === BOUND_TO_ROW) return place;
  return binding === BOUND_TO_APPLICATION ? `${place}|application|${draftId}` : `${place}|binding|${binding}`;
}

interface MetaRow {
  id: string;
  tenant_id: string;
  field_key: string;
  meta_enc: string;
  binding: number;
  scan_status: 'clean' | 'not-scanned';
  scanned_at: string | null;
}

function scanOf(row: MetaRow): FileScan {
  return row.scan_status === 'clean' && row.scanned_at !== null
    ? { status: 'clean', at: row.scanned_at }
    : { status: 'not-scanned' };
}

export function attachmentsRepository(
  { db, cipher, write }: StoreContext,
  blobs: BlobStore,
): Store['attachments'] {
  const openMeta = async (row: MetaRow, draftId: string): Promise<AttachmentMeta> => {
    const aad = attachmentAad(row.tenant_id, META, row.id, row.binding, draftId);
    const meta = JSON.parse(await cipher.decrypt(row.tenant_id, row.meta_enc, aad));
    return { id: row.id, fieldKey: row.field_key, ...meta, scan: scanOf(row) };
  };
  const metaColumns = [
    'id',
    'tenant_id',
    'field_key',
    'meta_enc',
    'binding',
    'scan_status',
    'scanned_at',
  ] as const;
  const contentOf = async (tenantId: string, id: string): Promise<Uint8Array> => {
    const bytes = await blobs.get(tenantId, id);
    // Only between the row's insert and the bytes' put, or after a failed put: never shown.
    if (bytes === undefined) throw new StorageError('ERR_BLOB_MISSING', `attachment ${id} has no content`);
    return bytes;
  };
  /** The draft id a submission keeps: the application its files are bound to. */
  const draftOfSubmission = async (tenantId: string, submissionId: string): Promise<string | undefined> =>
    (
      await db
        .selectFrom('submissions')
        .select('draft_id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', submissionId)
        .executeTakeFirst()
    )?.draft_id;

  return {
    async add(a) {
      const metaEnc = await cipher.encrypt(
        a.tenantId,
        JSON.stringify({ name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 }),
        attachmentAad(a.tenantId, META, a.id, BOUND_TO_APPLICATION, a.draftId),
      );
      const contentEnc = await cipher.encryptBinary(
        a.tenantId,
        a.content,
        attachmentAad(a.tenantId, CONTENT, a.id, BOUND_TO_APPLICATION, a.draftId),
      );
      // The row first: a blob belongs to a row (the database's blob store has a foreign key).
      await write((w) =>
        w
          .insertInto('attachments')
          .values({
            id: a.id,
            tenant_id: a.tenantId,
            draft_id: a.draftId,
            submission_id: null,
            field_key: a.fieldKey,
            meta_enc: metaEnc,
            binding: BOUND_TO_APPLICATION,
            size_bytes: a.size,
            created_at: a.createdAt,
            scan_status: a.scan.status,
            scanned_at: a.scan.status === 'clean' ? a.scan.at : null,
          })
          .execute(),
      );
      try {
        await blobs.put(a.tenantId, a.id, contentEnc);
      } catch (error) {
        // No file without its bytes: the upload fails as a whole.
        await write((w) =>
          w.deleteFrom('attachments').where('tenant_id', '=', a.tenantId).where('id', '=', a.id).execute(),
        );
        throw error;
      }
    },

    async ofDraft(tenantId, draftId) {
      const rows = await db
        .selectFrom('attachments')
        .select(metaColumns)
        .where('tenant_id', '=', tenantId)
        .where('draft_id', '=', draftId)
        .where('submission_id', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return Promise.all(rows.map((row) => openMeta(row, draftId)));
    },

    async removeFromDraft(tenantId, draftId, id) {
      const row = await db
        .selectFrom('attachments')
        .select(metaColumns)
        .where('tenant_id', '=', tenantId)
        .where('draft_id', '=', draftId)
        .where('submission_id', 'is', null)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      // The database's blob store deletes the bytes with the row; another store is told itself.
      await write((w) =>
        w
          .deleteFrom('attachments')
          .where('tenant_id', '=', tenantId)
          .where('draft_id', '=', draftId)
          .where('submission_id', 'is', null)
          .where('id', '=', id)
          .execute(),
      );
      await blobs.delete(tenantId, id);
      return openMeta(row, draftId);
    },

    async ofSubmission(tenantId, submissionId) {
      const draftId = await draftOfSubmission(tenantId, submissionId);
      if (draftId === undefined) return [];
      const rows = await db
        .selectFrom('attachments')
        .select(metaColumns)
        .where('tenant_id', '=', tenantId)
        .where('submission_id', '=', submissionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return Promise.all(rows.map((row) => openMeta(row, draftId)));
    },

    async contentOfSubmission(tenantId, submissionId, id) {
      const row = await db
        .selectFrom('attachments')
        .select(metaColumns)
        .where('tenant_id', '=', tenantId)
        .where('submission_id', '=', submissionId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const draftId = (await draftOfSubmission(tenantId, submissionId)) ?? '';
      const sealed = await contentOf(tenantId, row.id);
      const content = await cipher
        .decryptBinary(tenantId, sealed, attachmentAad(tenantId, CONTENT, row.id, row.binding, draftId))
        .catch((error: unknown) => {
          // An old row whose bytes `bindToApplication` rewrote before it could mark the row (see
          // there): the bytes are already bound to this application, which is no weaker.
          if (row.binding !== BOUND_TO_ROW) throw error;
          const bound = attachmentAad(tenantId, CONTENT, row.id, BOUND_TO_APPLICATION, draftId);
          return cipher.decryptBinary(tenantId, sealed, bound);
        });
      return { meta: await openMeta(row, draftId), content };
    },

    async bindToApplication(after, limit) {
      // Rows written before migration 0019, with the application they belong to now.
      const rows = await db
        .selectFrom('attachments as a')
        .leftJoin('submissions as s', (j) =>
          j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.submission_id'),
        )
        .select(['a.id', 'a.tenant_id', 'a.draft_id', 'a.meta_enc', 's.draft_id as kept'])
        .where('a.binding', '=', BOUND_TO_ROW)
        .where('a.id', '>', after)
        .orderBy('a.id')
        .limit(limit)
        .execute();
      let rebound = 0;
      for (const row of rows) {
        const draftId = row.draft_id ?? row.kept;
        // A file of neither a draft nor a submission: nothing to bind it to (nothing reads it).
        if (!draftId) continue;
        const t = row.tenant_id;
        const meta = await cipher.decrypt(t, row.meta_enc, attachmentAad(t, META, row.id, BOUND_TO_ROW, ''));
        const sealed = await contentOf(t, row.id);
        const bound = attachmentAad(t, CONTENT, row.id, BOUND_TO_APPLICATION, draftId);
        // The bytes are rewritten before the row says so; a crash in between leaves bytes already
        // bound to the application under a row of binding 1, which the next round finishes.
        const content = await cipher
          .decryptBinary(t, sealed, attachmentAad(t, CONTENT, row.id, BOUND_TO_ROW, ''))
          .catch(() => cipher.decryptBinary(t, sealed, bound));
        const metaEnc = await cipher.encrypt(
          t,
          meta,
          attachmentAad(t, META, row.id, BOUND_TO_APPLICATION, draftId),
        );
        await blobs.put(t, row.id, await cipher.encryptBinary(t, content, bound));
        // Only while still unbound and still where it was read: a concurrent submit or a second
        // instance doing the same leaves it to the next round.
        const result = await write((w) =>
          w
            .updateTable('attachments')
            .set({ meta_enc: metaEnc, binding: BOUND_TO_APPLICATION })
            .where('id', '=', row.id)
            .where('tenant_id', '=', t)
            .where('binding', '=', BOUND_TO_ROW)
            .where('meta_enc', '=', row.meta_enc)
            .executeTakeFirst(),
        );
        if (toCount(result.numUpdatedRows) === 1) rebound++;
      }
      return { rebound, last: rows.at(-1)?.id };
    },
  };
}
