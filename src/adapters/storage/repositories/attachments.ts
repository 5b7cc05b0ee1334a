/**
 * Uploaded files (ADR 0018). Name, type, size and hash are encrypted together as `meta_enc`, the
 * bytes as `content_enc`, each bound to its tenant, table, row and application by the AAD (and to
 * each other by the distinct table names in it), so neither can be moved to another row or
 * another application unnoticed (ADR 0031). The application is the draft id: an open draft's
 * files carry it in `draft_id`, a submission keeps it in `submissions.draft_id`. Every query names
 * the tenant; a draft's files can only be read or deleted while the draft is not submitted, a
 * submission's only through the submission.
 */

import type { AttachmentMeta } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import { type StoreContext, toCount } from './context.ts';

const META = 'attachments.meta';
const CONTENT = 'attachments.content';

/** The AAD of every file written now: its place and its application (migration 0019). */
export const BOUND_TO_APPLICATION = 2;
/** Rows written before migration 0019: bound to their place only, until re-encrypted. */
const BOUND_TO_ROW = 1;

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
}

export function attachmentsRepository({ db, cipher, write }: StoreContext): Store['attachments'] {
  const openMeta = async (row: MetaRow, draftId: string): Promise<AttachmentMeta> => {
    const aad = attachmentAad(row.tenant_id, META, row.id, row.binding, draftId);
    const meta = JSON.parse(await cipher.decrypt(row.tenant_id, row.meta_enc, aad));
    return { id: row.id, fieldKey: row.field_key, ...meta };
  };
  const metaColumns = ['id', 'tenant_id', 'field_key', 'meta_enc', 'binding'] as const;
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
      const contentEnc = await cipher.encryptBytes(
        a.tenantId,
        a.content,
        attachmentAad(a.tenantId, CONTENT, a.id, BOUND_TO_APPLICATION, a.draftId),
      );
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
            content_enc: contentEnc,
            binding: BOUND_TO_APPLICATION,
            size_bytes: a.size,
            created_at: a.createdAt,
          })
          .execute(),
      );
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
      await write((w) =>
        w
          .deleteFrom('attachments')
          .where('tenant_id', '=', tenantId)
          .where('draft_id', '=', draftId)
          .where('submission_id', 'is', null)
          .where('id', '=', id)
          .execute(),
      );
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
        .select([...metaColumns, 'content_enc'])
        .where('tenant_id', '=', tenantId)
        .where('submission_id', '=', submissionId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const draftId = (await draftOfSubmission(tenantId, submissionId)) ?? '';
      const content = await cipher.decryptBytes(
        tenantId,
        row.content_enc,
        attachmentAad(tenantId, CONTENT, row.id, row.binding, draftId),
      );
      return { meta: await openMeta(row, draftId), content };
    },

    async bindToApplication(after, limit) {
      // Rows written before migration 0019, with the application they belong to now.
      const rows = await db
        .selectFrom('attachments as a')
        .leftJoin('submissions as s', (j) =>
          j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.submission_id'),
        )
        .select(['a.id', 'a.tenant_id', 'a.draft_id', 'a.meta_enc', 'a.content_enc', 's.draft_id as kept'])
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
        const content = await cipher.decryptBytes(
          t,
          row.content_enc,
          attachmentAad(t, CONTENT, row.id, BOUND_TO_ROW, ''),
        );
        const metaEnc = await cipher.encrypt(
          t,
          meta,
          attachmentAad(t, META, row.id, BOUND_TO_APPLICATION, draftId),
        );
        const contentEnc = await cipher.encryptBytes(
          t,
          content,
          attachmentAad(t, CONTENT, row.id, BOUND_TO_APPLICATION, draftId),
        );
        // Only while still unbound and still where it was read: a concurrent submit or a second
        // instance doing the same leaves it to the next round.
        const result = await write((w) =>
          w
            .updateTable('attachments')
            .set({ meta_enc: metaEnc, content_enc: contentEnc, binding: BOUND_TO_APPLICATION })
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
