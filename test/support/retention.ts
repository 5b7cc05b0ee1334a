/**
 * Test support for deletion deadlines (ADR 0039): a controllable clock, the real use cases' deps over
 * a test store, closed applications with a file and an outbox item, and a search of the whole
 * database (every table's rows, and on SQLite the file bytes) for what must be gone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { createReceiptSealer } from '../../src/adapters/receipt/sealer.ts';
import type { DB } from '../../src/adapters/storage/dialect/schema.ts';
import { ModelCache } from '../../src/core/model-cache.ts';
import { OperationalSettings } from '../../src/core/operational-settings.ts';
import type { Archive, Clock, Store } from '../../src/core/ports.ts';
import { Receipts } from '../../src/core/receipts.ts';
import type { EraseDeps } from '../../src/core/retention/erase-submission.ts';
import { settingKinds } from '../../src/core/settings/registry.ts';
import type { TestDatabase } from './databases.ts';
import { newDraft, submissionInput, type TenantFixture } from './storage/fixtures.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock the test moves. */
export function testClock(
  start: string,
): Clock & { set(iso: string): void; advanceDays(days: number): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    set: (iso) => {
      now = Date.parse(iso);
    },
    advanceDays: (days) => {
      now += days * DAY_MS;
    },
  };
}

/** The deps of deleting applications, with real receipts (demo seals) and the given archive. */
export function erasureDeps(store: Store, clock: Clock, archive?: Archive): EraseDeps {
  const settings = new OperationalSettings({ store, clock, kinds: settingKinds });
  const receipts = new Receipts({
    store,
    clock,
    models: new ModelCache(),
    sealer: createReceiptSealer(clock),
    demoSeals: true,
  });
  return {
    store,
    clock,
    settings,
    documents: { forSubmission: (tenantId, id) => receipts.forDelivery(tenantId, id) },
    archive,
  };
}

export interface ClosedApplication {
  id: string;
  reference: string;
  fileId: string;
  fileContent: Buffer;
}

/**
 * Submits an application of the fixture's service with one file and one outbox item, and closes it
 * (received → in progress → completed) at `closedAt`.
 */
export async function closedApplication(
  store: Store,
  f: TenantFixture,
  closedAt: string,
  name = 'Erika Mustermann',
): Promise<ClosedApplication> {
  const draft = await newDraft(store, f, { name });
  const fileId = randomUUID();
  const fileContent = Buffer.from(`%PDF-1.4 Nachweis von ${name} ${randomUUID()}`);
  await store.attachments.add({
    id: fileId,
    tenantId: f.tenantId,
    draftId: draft.id,
    fieldKey: 'nachweis',
    name: 'nachweis.pdf',
    mediaType: 'application/pdf',
    size: fileContent.length,
    sha256: createHash('sha256').update(fileContent).digest('hex'),
    content: fileContent,
    createdAt: closedAt,
    scan: { status: 'not-scanned' },
  });
  const id = randomUUID();
  const { input, audit } = submissionInput(f, draft.id, {
    id,
    answers: { name },
    submittedAt: closedAt,
    attachmentIds: [fileId],
    deliveries: [{ id: randomUUID(), channel: 'email', idempotencyKey: `${id}.email` }],
  });
  const { submission } = await store.submissions.createFromDraft(input, audit);
  const staff = (action: string) => ({
    tenantId: f.tenantId,
    actorType: 'staff' as const,
    actorId: null,
    action,
    subjectType: 'submission',
    subjectId: id,
  });
  await store.submissions.changeStatus(f.tenantId, id, 'received', 'in_progress', closedAt, staff('status'));
  await store.submissions.changeStatus(f.tenantId, id, 'in_progress', 'completed', closedAt, staff('status'));
  return { id, reference: submission.reference, fileId, fileContent };
}

/** Every stored trace of an application that must go with it: ids, reference and ciphertext. */
export async function tracesOf(database: TestDatabase, app: ClosedApplication): Promise<string[]> {
  const db = database.db;
  const sub = await db
    .selectFrom('submissions')
    .select('answers_enc')
    .where('id', '=', app.id)
    .executeTakeFirstOrThrow();
  const file = await db
    .selectFrom('attachments')
    .select('meta_enc')
    .where('id', '=', app.fileId)
    .executeTakeFirstOrThrow();
  const blob = await db
    .selectFrom('file_blobs')
    .select('content')
    .where('attachment_id', '=', app.fileId)
    .executeTakeFirstOrThrow();
  const draft = await db
    .selectFrom('drafts')
    .select('answers_enc')
    .where('submission_id', '=', app.id)
    .execute();
  const all = [
    app.id,
    app.reference,
    app.fileId,
    sub.answers_enc,
    blobTrace(blob.content),
    file.meta_enc,
    ...draft.map((d) => d.answers_enc),
  ];
  // A submitted draft keeps no answers (an empty text), which is no trace.
  return all.filter((trace) => trace.length > 0);
}

/**
 * A file's encrypted bytes as a trace: `blob:` and their hex, the form `tracesInRows` gives every
 * binary column, so that bytes are searched like the text columns.
 */
function blobTrace(bytes: Uint8Array): string {
  return `blob:${Buffer.from(bytes).toString('hex')}`;
}

/** JSON of rows in which binary columns (a Buffer on both drivers) read as `blobTrace`. */
function rowsText(rows: unknown): string {
  return JSON.stringify(rows, (_key, value: unknown) => {
    const json = value as { type?: unknown; data?: unknown } | null;
    if (json && json.type === 'Buffer' && Array.isArray(json.data)) return blobTrace(Buffer.from(json.data));
    return value;
  });
}

const TABLES: ReadonlyArray<keyof DB> = [
  'tenants',
  'staff_accounts',
  'staff_sessions',
  'services',
  'service_versions',
  'drafts',
  'submissions',
  'audit_events',
  'service_candidates',
  'attachments',
  'file_blobs',
  'operational_settings',
  'login_attempts',
  'editor_drafts',
  'seal_certificates',
  'receipts',
  'delivery_outbox',
  'sent_mails',
  'audit_checkpoints',
  'audit_erasures',
];

/** The traces (of `tracesOf`) found anywhere in the database's rows. */
export async function tracesInRows(database: TestDatabase, traces: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(database.db);
    const text = rowsText(rows.rows);
    for (const trace of traces) if (text.includes(trace)) found.add(`${table}: ${trace.slice(0, 40)}`);
  }
  return [...found];
}

/** The traces found in the bytes of the SQLite file and its write-ahead log. */
export function tracesInSqliteFiles(path: string, traces: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const trace of traces) {
      // Long ciphertexts: a 64-character piece is enough to find a leftover page.
      // A file's bytes are searched as bytes (32 of them, from the middle of the ciphertext).
      const needle = trace.startsWith('blob:')
        ? Buffer.from(trace.slice(5 + 64, 5 + 128), 'hex')
        : Buffer.from(trace.length > 64 ? trace.slice(0, 64) : trace, 'utf8');
      if (bytes.includes(needle)) found.push(`${file}: ${trace.slice(0, 64)}`);
    }
  }
  return found;
}
