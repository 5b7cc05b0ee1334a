import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../../../test/support/databases.ts';
import { storeFor } from '../../../../../test/support/storage/fixtures.ts';
import type { Store } from '../../../../core/ports.ts';
import type { TenantCipher } from '../../../crypto/envelope.ts';
import { attachmentAad, BOUND_TO_APPLICATION } from '../../repositories/attachments.ts';
import { textToBinary } from './0024-file-blobs.ts';
import { MIGRATIONS } from './index.ts';

const BEFORE = Object.keys(MIGRATIONS).filter((name) => name < '0024');
const AT = '2026-11-01T10:00:00.000Z';
/** More than one batch of the migration (200). */
const FILES = 205;
// biome-ignore lint/suspicious/noExplicitAny: the tables as the previous release had them
type OldDb = Kysely<any>;

const idOf = (n: number) => `0190f0f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const contentOf = (n: number) => Buffer.from(`%PDF-1.4 Datei ${n} ${'x'.repeat(n)}`);

for (const d of DIALECTS) {
  describe(`migration 0024 (files as bytes) on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let cipher: TenantCipher;
    const written = new Map<string, string>();

    before(async () => {
      database = await d.open({ migrate: false });
      for (const name of BEFORE) await MIGRATIONS[name]!.up(database.db);
      ({ store, cipher } = storeFor(database));
      const db = database.db as never as OldDb;
      await db
        .insertInto('tenants')
        .values({
          id: 't1',
          slug: 'musterstadt',
          name_de: 'Musterstadt',
          wrapped_data_key: cipher.createTenantKey('t1'),
          created_at: AT,
        })
        .execute();
      // Files as the previous release wrote them: the encrypted bytes as base64 text.
      for (let n = 0; n < FILES; n++) {
        const id = idOf(n);
        const content = contentOf(n);
        const meta = {
          name: `datei-${n}.pdf`,
          mediaType: 'application/pdf',
          size: content.length,
          sha256: createHash('sha256').update(content).digest('hex'),
        };
        const contentEnc = await cipher.encryptBytes(
          't1',
          content,
          attachmentAad('t1', 'attachments.content', id, BOUND_TO_APPLICATION, 'draft-1'),
        );
        written.set(id, contentEnc);
        await db
          .insertInto('attachments')
          .values({
            id,
            tenant_id: 't1',
            draft_id: 'draft-1',
            submission_id: null,
            field_key: 'nachweis',
            meta_enc: await cipher.encrypt(
              't1',
              JSON.stringify(meta),
              attachmentAad('t1', 'attachments.meta', id, BOUND_TO_APPLICATION, 'draft-1'),
            ),
            content_enc: contentEnc,
            binding: BOUND_TO_APPLICATION,
            size_bytes: content.length,
            created_at: AT,
          })
          .execute();
      }
      await MIGRATIONS['0024-file-blobs']!.up(database.db);
      await MIGRATIONS['0025-attachment-scans']!.up(database.db);
    });
    after(() => database.destroy());

    it('moves every file into the blob table as bytes that decrypt to what was uploaded', async () => {
      const rows = await database.db.selectFrom('file_blobs').selectAll().orderBy('attachment_id').execute();
      assert.equal(rows.length, FILES);
      for (const [n, row] of rows.entries()) {
        assert.equal(row.attachment_id, idOf(n));
        assert.equal(row.tenant_id, 't1');
        assert.ok(row.content instanceof Uint8Array);
        const plain = await cipher.decryptBinary(
          't1',
          row.content,
          attachmentAad('t1', 'attachments.content', row.attachment_id, BOUND_TO_APPLICATION, 'draft-1'),
        );
        assert.deepEqual(plain, contentOf(n));
      }
    });

    it('drops the text column; the files read as before, marked as not scanned', async () => {
      await assert.rejects(sql`select content_enc from attachments`.execute(database.db), /content_enc/);
      const files = await store.attachments.ofDraft('t1', 'draft-1');
      assert.equal(files.length, FILES);
      assert.equal(files[7]?.name, 'datei-7.pdf');
      assert.deepEqual(files[7]?.scan, { status: 'not-scanned' });
    });

    it('goes back to the text form unchanged (down)', async () => {
      await MIGRATIONS['0025-attachment-scans']!.down!(database.db);
      await MIGRATIONS['0024-file-blobs']!.down!(database.db);
      const db = database.db as never as OldDb;
      const rows: Array<{ id: string; content_enc: string }> = await db
        .selectFrom('attachments')
        .select(['id', 'content_enc'])
        .execute();
      assert.equal(rows.length, FILES);
      for (const row of rows) assert.equal(row.content_enc, written.get(row.id));
      await MIGRATIONS['0024-file-blobs']!.up(database.db);
      await MIGRATIONS['0025-attachment-scans']!.up(database.db);
    });
  });
}

describe('migration 0024: the text form to bytes', () => {
  it('refuses a value that is not an encrypted value in text form, naming the file', () => {
    for (const bad of [
      '',
      'v1.1.abc',
      'v2.1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
      'v1.x.AAAA.AAAA',
      'v1.1.AA.AAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      assert.throws(() => textToBinary('a-1', bad), /attachment a-1: content_enc is not/);
    }
  });
});
