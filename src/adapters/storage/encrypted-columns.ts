/**
 * Every place where a tenant's data key encrypts something, with the AAD each value is bound to
 * (ADR 0004, ADR 0047). `amtsweg keys rotate-tenant` re-encrypts through this list, so a value
 * that is not here keeps naming the old key version and the rotation never retires it; the test
 * `tenant-key-rotation.test.ts` checks that every `*_enc` column of the schema (and the file
 * bytes) is listed.
 *
 * Each column finds the tenant's values that name another key version than `version`, in key
 * order after `after` (so the progress of a rotation is the data itself: what still names an old
 * version), and replaces one value only while the row still holds it (a compare-and-set: a value
 * the running app rewrote meanwhile is left alone and found again by the next pass if it needs
 * to be).
 */
import { type Kysely, sql } from 'kysely';
import { placeAad } from '../crypto/envelope.ts';
import type { DB } from './dialect/schema.ts';
import {
  attachmentAad,
  BOUND_TO_APPLICATION,
  BOUND_TO_ROW,
  CONTENT,
  META,
} from './repositories/attachments.ts';
import { toCount } from './repositories/context.ts';
import { CERTIFICATE, RECEIPT } from './repositories/receipts.ts';
import { SECOND_FACTOR_PLACE } from './repositories/second-factors.ts';

/** A stored value and the AADs it may be bound to, tried in order. */
export interface StoredValue {
  key: string;
  value: string | Uint8Array;
  aads: readonly string[];
}

export interface EncryptedColumn {
  /** `table.column`, for progress lines and the coverage test. */
  name: string;
  /** Text (`v1.<version>.…`) or binary (`B1` header, ADR 0037) values. */
  form: 'text' | 'binary';
  stale(
    db: Kysely<DB>,
    tenantId: string,
    version: number,
    after: string,
    limit: number,
  ): Promise<StoredValue[]>;
  /** Writes `next` only while the row still holds `value`; true when it did. */
  replace(
    db: Kysely<DB>,
    tenantId: string,
    key: string,
    value: string | Uint8Array,
    next: string | Uint8Array,
  ): Promise<boolean>;
  /**
   * `replace` for many rows in one statement (the same compare-and-set for each); returns how many
   * it wrote. Optional: where absent, `replace` is called for each.
   */
  replaceMany?(
    db: Kysely<DB>,
    tenantId: string,
    items: ReadonlyArray<{ key: string; value: string | Uint8Array; next: string | Uint8Array }>,
  ): Promise<number>;
}

// biome-ignore lint/suspicious/noExplicitAny: one helper serves tables of different types; the names are constants below
type AnyDB = Kysely<any>;

/** A text value that is a ciphertext (not `''` or null) naming another version than `version`. */
const staleText = (column: string, version: number) =>
  sql<boolean>`(${sql.ref(column)} like 'v1.%' and ${sql.ref(column)} not like ${`v1.${version}.%`})`;

/** The four header bytes after `B1` in which a binary value names its version (`aes-gcm.ts`). */
function versionBytes(version: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(version);
  return bytes;
}

/** A text column keyed by one column within the tenant, bound to `placeAad(tenant, place, key)`. */
function textColumn(table: keyof DB, keyColumn: string, valueColumn: string, place: string): EncryptedColumn {
  return {
    name: `${table}.${valueColumn}`,
    form: 'text',
    async stale(db, tenantId, version, after, limit) {
      const rows: Array<{ key: string; value: string }> = await (db as AnyDB)
        .selectFrom(table)
        .select([`${keyColumn} as key`, `${valueColumn} as value`])
        .where('tenant_id', '=', tenantId)
        .where(keyColumn, '>', after)
        .where(staleText(valueColumn, version))
        .orderBy(keyColumn)
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, aads: [placeAad(tenantId, place, r.key)] }));
    },
    async replace(db, tenantId, key, value, next) {
      const result = await (db as AnyDB)
        .updateTable(table)
        .set({ [valueColumn]: next })
        .where('tenant_id', '=', tenantId)
        .where(keyColumn, '=', key)
        .where(valueColumn, '=', value)
        .executeTakeFirst();
      return toCount(result.numUpdatedRows) === 1;
    },
    async replaceMany(db, tenantId, items) {
      if (items.length === 0) return 0;
      // SET col = CASE key WHEN k THEN next … END, only on rows still holding what was read; the
      // keys as an IN list so both databases find the rows by index.
      const next = sql.join(
        items.map((i) => sql`when ${i.key} then ${i.next}`),
        sql` `,
      );
      const read = sql.join(
        items.map((i) => sql`when ${i.key} then ${i.value}`),
        sql` `,
      );
      const keys = sql.join(items.map((i) => sql`${i.key}`));
      const key = sql.ref(keyColumn);
      const value = sql.ref(valueColumn);
      const result = await sql`update ${sql.table(table)}
        set ${value} = case ${key} ${next} end
        where tenant_id = ${tenantId} and ${key} in (${keys}) and ${value} = case ${key} ${read} end`.execute(
        db,
      );
      return toCount(result.numAffectedRows ?? 0n);
    },
  };
}

/** Operational settings are keyed by service and kind; the AAD names both (`operational-settings.ts`). */
const operationalSettings: EncryptedColumn = {
  name: 'operational_settings.secrets_enc',
  form: 'text',
  async stale(db, tenantId, version, after, limit) {
    const key = sql<string>`service_id || '|' || kind`;
    const rows = await db
      .selectFrom('operational_settings')
      .select([key.as('key'), 'secrets_enc as value'])
      .where('tenant_id', '=', tenantId)
      .where(key, '>', after)
      .where(staleText('secrets_enc', version))
      .orderBy(key)
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      key: r.key,
      value: r.value ?? '',
      aads: [placeAad(tenantId, 'operational_settings', r.key)],
    }));
  },
  async replace(db, tenantId, key, value, next) {
    const result = await db
      .updateTable('operational_settings')
      .set({ secrets_enc: next as string })
      .where('tenant_id', '=', tenantId)
      .where(sql<string>`service_id || '|' || kind`, '=', key)
      .where('secrets_enc', '=', value as string)
      .executeTakeFirst();
    return toCount(result.numUpdatedRows) === 1;
  },
};

/** The application a file belongs to: its draft's id, kept by the submission once submitted. */
function attachmentsWithApplication(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('submissions as s', (j) =>
      j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.id', '=', 'a.submission_id'),
    )
    .where('a.tenant_id', '=', tenantId);
}

/** The AADs a file part may be bound to: its binding's, and for binding 1 also the application's (see `attachments.ts`). */
function fileAads(
  tenantId: string,
  part: typeof META | typeof CONTENT,
  id: string,
  binding: number,
  draftId: string | null,
): string[] {
  const own = attachmentAad(tenantId, part, id, binding, draftId ?? '');
  if (binding !== BOUND_TO_ROW || draftId === null) return [own];
  return [own, attachmentAad(tenantId, part, id, BOUND_TO_APPLICATION, draftId)];
}

const attachmentMeta: EncryptedColumn = {
  name: 'attachments.meta_enc',
  form: 'text',
  async stale(db, tenantId, version, after, limit) {
    const rows = await attachmentsWithApplication(db, tenantId)
      .select(['a.id', 'a.meta_enc', 'a.binding', 'a.draft_id', 's.draft_id as kept'])
      .where('a.id', '>', after)
      .where(staleText('a.meta_enc', version))
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      key: r.id,
      value: r.meta_enc,
      aads: fileAads(tenantId, META, r.id, r.binding, r.draft_id ?? r.kept ?? null),
    }));
  },
  async replace(db, tenantId, key, value, next) {
    const result = await db
      .updateTable('attachments')
      .set({ meta_enc: next as string })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', key)
      .where('meta_enc', '=', value as string)
      .executeTakeFirst();
    return toCount(result.numUpdatedRows) === 1;
  },
};

/** The bytes of files in the database's blob store (`file-blobs.ts`). */
const fileBlobs: EncryptedColumn = {
  name: 'file_blobs.content',
  form: 'binary',
  async stale(db, tenantId, version, after, limit) {
    const rows = await attachmentsWithApplication(db, tenantId)
      .innerJoin('file_blobs as b', (j) =>
        j.onRef('b.tenant_id', '=', 'a.tenant_id').onRef('b.attachment_id', '=', 'a.id'),
      )
      .select(['a.id', 'b.content', 'a.binding', 'a.draft_id', 's.draft_id as kept'])
      .where('a.id', '>', after)
      .where(sql<boolean>`substr(b.content, 3, 4) <> ${versionBytes(version)}`)
      .orderBy('a.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      key: r.id,
      value: r.content,
      aads: fileAads(tenantId, CONTENT, r.id, r.binding, r.draft_id ?? r.kept ?? null),
    }));
  },
  async replace(db, tenantId, key, value, next) {
    const result = await db
      .updateTable('file_blobs')
      .set({ content: Buffer.from(next as Uint8Array) })
      .where('tenant_id', '=', tenantId)
      .where('attachment_id', '=', key)
      .where('content', '=', Buffer.from(value as Uint8Array))
      .executeTakeFirst();
    return toCount(result.numUpdatedRows) === 1;
  },
};

/** Every encrypted value of a tenant, in an order where nothing depends on another. */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  textColumn('drafts', 'id', 'answers_enc', 'drafts'),
  textColumn('submissions', 'id', 'answers_enc', 'submissions'),
  textColumn('submissions', 'id', 'identity_enc', 'submissions.identity'),
  textColumn('drafts', 'id', 'prefill_enc', 'drafts.prefill'),
  textColumn('submissions', 'id', 'prefill_enc', 'submissions.prefill'),
  attachmentMeta,
  fileBlobs,
  textColumn('receipts', 'submission_id', 'pdf_enc', RECEIPT),
  textColumn('seal_certificates', 'tenant_id', 'secret_enc', CERTIFICATE),
  operationalSettings,
  textColumn('sent_mails', 'id', 'message_enc', 'sent_mails'),
  textColumn('citizen_login_requests', 'state_hash', 'secrets_enc', 'citizen_login_requests'),
  textColumn('citizen_logins', 'session_hash', 'identity_enc', 'citizen_logins'),
  textColumn('staff_second_factors', 'account_id', 'secret_enc', SECOND_FACTOR_PLACE),
  textColumn('staff_sso_requests', 'state_hash', 'secrets_enc', 'staff_sso_requests'),
];
