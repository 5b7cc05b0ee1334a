/**
 * The database's blob store (ADR 0037): a file's encrypted bytes in `file_blobs` (`BLOB` on
 * SQLite, `bytea` on PostgreSQL), one row per attachment. The foreign key to `attachments`
 * deletes the bytes with their row wherever that row is deleted, in the same transaction, so no
 * deletion path has to remember the blob store. Every query names the tenant.
 */
import type { BlobStore } from '../../../core/ports.ts';
import type { StoreContext } from './context.ts';

export function databaseBlobStore({ db, write }: Pick<StoreContext, 'db' | 'write'>): BlobStore {
  return {
    async put(tenantId, key, bytes) {
      const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      await write((w) =>
        w
          .insertInto('file_blobs')
          .values({ attachment_id: key, tenant_id: tenantId, content })
          .onConflict((oc) =>
            oc.column('attachment_id').doUpdateSet({ content }).where('file_blobs.tenant_id', '=', tenantId),
          )
          .execute(),
      );
    },

    async get(tenantId, key) {
      const row = await db
        .selectFrom('file_blobs')
        .select('content')
        .where('tenant_id', '=', tenantId)
        .where('attachment_id', '=', key)
        .executeTakeFirst();
      return row?.content;
    },

    async delete(tenantId, key) {
      await write((w) =>
        w
          .deleteFrom('file_blobs')
          .where('tenant_id', '=', tenantId)
          .where('attachment_id', '=', key)
          .execute(),
      );
    },
  };
}
