/**
 * Files as bytes, apart from their rows (ADR 0037).
 *
 * Until now a file's encrypted bytes were base64 text in `attachments.content_enc`
 * (`v1.<keyVersion>.<iv>.<ciphertext+tag>`, base64url parts): a third larger than the bytes, and
 * turned into a string on every read. From now on they are bytes (`BLOB` on SQLite, `bytea` on
 * PostgreSQL) in `file_blobs`, the database's blob store, one row per attachment, deleted with
 * its attachment by the foreign key (wherever the attachment row is deleted: a draft's deletion,
 * a submit dropping unclaimed files, a retention run).
 *
 * The conversion needs no key: the ciphertext, IV, tag and AAD stay exactly as they were; only
 * their encoding changes, to the binary form of `adapters/crypto/aes-gcm.ts` (`B1`, the key
 * version as 32-bit big-endian, the IV, ciphertext and tag). It is written out here rather than
 * imported, because a migration must do the same thing forever. Rows are converted in batches in
 * the migration's transaction; a value that is not in the text form stops the migration (nothing
 * is changed) instead of being dropped.
 */
import { type Kysely, PostgresAdapter } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

const BATCH = 200;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `v1.<version>.<iv>.<body>` (base64url) → `B1` + version (u32 BE) + iv + body. */
export function textToBinary(id: string, text: string): Buffer {
  const parts = text.split('.');
  const version = Number(parts[1]);
  const iv = Buffer.from(parts[2] ?? '', 'base64url');
  const body = Buffer.from(parts[3] ?? '', 'base64url');
  if (
    parts.length !== 4 ||
    parts[0] !== 'v1' ||
    !Number.isInteger(version) ||
    version < 0 ||
    version > 0xffffffff ||
    iv.length !== IV_BYTES ||
    body.length < TAG_BYTES
  ) {
    throw new Error(`attachment ${id}: content_enc is not an encrypted value in text form`);
  }
  const header = Buffer.alloc(2 + 4);
  header.write('B1', 0, 'latin1');
  header.writeUInt32BE(version, 2);
  return Buffer.concat([header, iv, body]);
}

/** The reverse, for `down`. */
export function binaryToText(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  const version = b.readUInt32BE(2);
  const iv = b.subarray(6, 6 + IV_BYTES);
  const body = b.subarray(6 + IV_BYTES);
  return `v1.${version}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

const bytesType = (db: AnyDB) => (db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob');

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('file_blobs')
    .addColumn('attachment_id', 'text', (c) =>
      c.primaryKey().references('attachments.id').onDelete('cascade'),
    )
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('content', bytesType(db), (c) => c.notNull())
    .execute();
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; tenant_id: string; content_enc: string }> = await db
      .selectFrom('attachments')
      .select(['id', 'tenant_id', 'content_enc'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    await db
      .insertInto('file_blobs')
      .values(
        rows.map((r) => ({
          attachment_id: r.id,
          tenant_id: r.tenant_id,
          content: textToBinary(r.id, r.content_enc),
        })),
      )
      .execute();
    after = rows.at(-1)!.id;
  }
  await db.schema.alterTable('attachments').dropColumn('content_enc').execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('content_enc', 'text').execute();
  let after = '';
  for (;;) {
    const rows: Array<{ attachment_id: string; content: Uint8Array }> = await db
      .selectFrom('file_blobs')
      .select(['attachment_id', 'content'])
      .where('attachment_id', '>', after)
      .orderBy('attachment_id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      await db
        .updateTable('attachments')
        .set({ content_enc: binaryToText(r.content) })
        .where('id', '=', r.attachment_id)
        .execute();
    }
    after = rows.at(-1)!.attachment_id;
  }
  await db.schema.dropTable('file_blobs').execute();
}
