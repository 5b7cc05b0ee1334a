/**
 * Uploaded files (ADR 0018). Name, type, size and hash are encrypted together as `meta_enc`, the
 * bytes as `content_enc`, each bound to its tenant, table and row by the AAD (and to each other
 * by the distinct table names in it), so neither can be moved to another row unnoticed. Every query
 * names the tenant; a draft's files can only be read or deleted while the draft is not submitted,
 * a submission's only through the submission.
 */

import type { AttachmentMeta } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import { placeAad } from '../../crypto/envelope.ts';
import type { StoreContext } from './context.ts';

const META = 'attachments.meta';
const CONTENT = 'attachments.content';

interface MetaRow {
  id: string;
  tenant_id: string;
  field_key: string;
  meta_enc: string;
}

export function attachmentsRepository({ db, cipher, write }: StoreContext): Store['attachments'] {
  const openMeta = async (row: MetaRow): Promise<AttachmentMeta> => {
    const meta = JSON.parse(
      await cipher.decrypt(row.tenant_id, row.meta_enc, placeAad(row.tenant_id, META, row.id)),
    );
    return { id: row.id, fieldKey: row.field_key, ...meta };
  };
  const metaColumns = ['id', 'tenant_id', 'field_key', 'meta_enc'] as const;

  return {
    async add(a) {
      const metaEnc = await cipher.encrypt(
        a.tenantId,
        JSON.stringify({ name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 }),
        placeAad(a.tenantId, META, a.id),
      );
      const contentEnc = await cipher.encryptBytes(
        a.tenantId,
        a.content,
        placeAad(a.tenantId, CONTENT, a.id),
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
      return Promise.all(rows.map(openMeta));
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
      return openMeta(row);
    },

    async ofSubmission(tenantId, submissionId) {
      const rows = await db
        .selectFrom('attachments')
        .select(metaColumns)
        .where('tenant_id', '=', tenantId)
        .where('submission_id', '=', submissionId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return Promise.all(rows.map(openMeta));
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
      const content = await cipher.decryptBytes(
        tenantId,
        row.content_enc,
        placeAad(tenantId, CONTENT, row.id),
      );
      return { meta: await openMeta(row), content };
    },
  };
}
