/**
 * `rotateTenantKey` (ADR 0047) on SQLite and PostgreSQL: a municipality with data of every
 * encrypted kind gets a new data key version; afterwards everything reads back through a fresh
 * cipher, every value names the new version, the old key is gone (an old ciphertext no longer
 * opens), the other municipality is untouched byte for byte, and submissions made while the
 * rotation runs are all there and readable.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { DIALECTS, type DialectUnderTest, type TestDatabase } from '../../../test/support/databases.ts';
import {
  newDraft,
  seedTenant,
  submissionInput,
  TEST_MASTER_KEY,
  type TenantFixture,
} from '../../../test/support/storage/fixtures.ts';
import type { Store } from '../../core/ports.ts';
import { ASSURANCE_LEVELS } from '../../definition/assurance-level.ts';
import { createEnvelopeCipher, keyVersionOf, placeAad, type TenantCipher } from '../crypto/envelope.ts';
import type { DB } from './dialect/schema.ts';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import { wrappedKeyLoader } from './repositories/tenants.ts';
import { createStore } from './store.ts';
import { rotateTenantKey } from './tenant-key-rotation.ts';

// Long enough that a submit under a heavily loaded test run encrypts and commits within it (ADR
// 0047: an instance must commit a value within the refresh interval of encrypting it; 200 ms was
// not enough at a load average of 25).
const REFRESH_MS = 1000;
const FAR = '2099-01-01T00:00:00.000Z';
const audit = (tenantId: string, action: string) => ({
  tenantId,
  actorType: 'operator' as const,
  actorId: null,
  action,
  subjectType: 'tenant',
  subjectId: tenantId,
});

/** A store like one app instance's: its own cipher, rereading key versions every REFRESH_MS. */
function instance(database: TestDatabase): { store: Store; cipher: TenantCipher } {
  const cipher = createEnvelopeCipher({
    masterKey: TEST_MASTER_KEY,
    loadWrappedKey: wrappedKeyLoader(database.db),
    refreshMs: REFRESH_MS,
  });
  return { store: createStore(database.db, database.dialect, cipher, { writer: database.writer }), cipher };
}

/** One value of every encrypted kind for the tenant; returns what must read back. */
async function seedEverything(store: Store, f: TenantFixture, tag: string) {
  const file = Buffer.from(`Datei ${tag} ${randomBytes(8).toString('hex')}`);
  const fileId = randomUUID();
  const submittedDraft = await newDraft(store, f, { name: `Antrag ${tag}` });
  await store.attachments.add({
    id: fileId,
    tenantId: f.tenantId,
    draftId: submittedDraft.id,
    fieldKey: 'nachweis',
    name: `nachweis-${tag}.pdf`,
    mediaType: 'application/pdf',
    size: file.length,
    sha256: createHash('sha256').update(file).digest('hex'),
    scan: { status: 'not-scanned' },
    content: file,
    createdAt: FAR,
  });
  const { input, audit: submitted } = submissionInput(f, submittedDraft.id, {
    answers: { name: `Erika ${tag}` },
    attachmentIds: [fileId],
  });
  // Sent while logged in, with a prefilled field (ADR 0048, 0049): the identity and the marks.
  await store.submissions.createFromDraft(
    {
      ...input,
      identity: {
        level: 'hoch',
        provider: 'test-idp',
        subject: `sub-${tag}`,
        loggedInAt: FAR,
        attributes: { familyName: `Mustermann ${tag}` },
      },
      schriftformersatz: true,
      prefillMarks: [{ key: 'name', vouched: `Erika ${tag}`, changed: false }],
    },
    submitted,
  );
  // The open draft's vouched values (prefill).
  await store.citizenApplications.savePrefill(
    f.tenantId,
    f.draftId,
    { name: 'Erika' },
    { name: `Erika ${tag}` },
    FAR,
  );
  const openFileId = randomUUID();
  await store.attachments.add({
    id: openFileId,
    tenantId: f.tenantId,
    draftId: f.draftId,
    fieldKey: 'nachweis',
    name: `offen-${tag}.txt`,
    mediaType: 'text/plain',
    size: 4,
    sha256: createHash('sha256').update('offn').digest('hex'),
    scan: { status: 'not-scanned' },
    content: Buffer.from('offn'),
    createdAt: FAR,
  });
  const pdf = Buffer.from(`%PDF Quittung ${tag}`);
  await store.receipts.add(
    { tenantId: f.tenantId, submissionId: input.id, pdf, locale: 'de', createdAt: FAR },
    audit(f.tenantId, 'receipt.issued'),
  );
  await store.sealCertificates.put(
    {
      tenantId: f.tenantId,
      pkcs12: Buffer.from(`p12 ${tag}`),
      passphrase: `pass ${tag}`,
      demo: true,
      createdAt: FAR,
    },
    audit(f.tenantId, 'seal.installed'),
  );
  await store.operationalSettings.put(
    {
      tenantId: f.tenantId,
      serviceId: f.serviceId,
      kind: 'delivery.webhook',
      options: { url: 'https://fachverfahren.invalid/' },
      secrets: { token: `geheim ${tag}` },
      updatedAt: FAR,
      updatedBy: null,
    },
    audit(f.tenantId, 'settings.changed'),
  );
  const mailId = randomUUID();
  await store.sentMails.add({
    id: mailId,
    tenantId: f.tenantId,
    sentAt: FAR,
    to: 'amt@example.invalid',
    subject: 'Neuer Antrag',
    from: 'amtsweg@example.invalid',
    text: `Erika ${tag} hat einen Antrag gestellt`,
    attachments: [],
  });
  const stateHash = `state-${randomUUID()}`;
  await store.citizenLogins.savePending({
    stateHash,
    tenantId: f.tenantId,
    sessionHash: f.sessionHash,
    provider: 'test',
    level: ASSURANCE_LEVELS[0]!,
    returnPath: '/',
    nonce: `nonce ${tag}`,
    codeVerifier: `verifier ${tag}`,
    createdAt: FAR,
    expiresAt: FAR,
  });
  await store.citizenLogins.save(
    {
      tenantId: f.tenantId,
      sessionHash: f.sessionHash,
      provider: 'test',
      level: ASSURANCE_LEVELS[0]!,
      subject: `sub-${tag}`,
      attributes: { givenName: 'Erika', familyName: tag },
      idToken: undefined,
      loggedInAt: FAR,
      expiresAt: FAR,
    },
    audit(f.tenantId, 'citizen.login'),
  );
  return { tag, file, fileId, openFileId, submissionId: input.id, pdf, mailId, stateHash };
}

type Seeded = Awaited<ReturnType<typeof seedEverything>>;

/** Reads every seeded value back through `store` (a fresh cipher: nothing from a cache). */
async function assertReadable(store: Store, f: TenantFixture, s: Seeded) {
  const submission = await store.submissions.byId(f.tenantId, s.submissionId);
  assert.deepEqual(submission?.answers, { name: `Erika ${s.tag}` });
  assert.equal(submission?.submittedIdentity?.subject, `sub-${s.tag}`);
  assert.equal(submission?.submittedIdentity?.attributes?.familyName, `Mustermann ${s.tag}`);
  assert.deepEqual(await store.citizenApplications.prefillMarks(f.tenantId, s.submissionId), [
    { key: 'name', vouched: `Erika ${s.tag}`, changed: false },
  ]);
  assert.deepEqual(await store.citizenApplications.vouched(f.tenantId, f.draftId), {
    name: `Erika ${s.tag}`,
  });
  const file = await store.attachments.contentOfSubmission(f.tenantId, s.submissionId, s.fileId);
  assert.equal(file?.meta.name, `nachweis-${s.tag}.pdf`);
  assert.deepEqual(Buffer.from(file!.content), s.file);
  const open = await store.attachments.ofDraft(f.tenantId, f.draftId);
  assert.ok(open.some((a) => a.name === `offen-${s.tag}.txt`));
  const draft = await store.drafts.find(f.tenantId, f.serviceId, f.sessionHash);
  assert.deepEqual(draft?.answers, { name: 'Erika' });
  assert.deepEqual(Buffer.from((await store.receipts.get(f.tenantId, s.submissionId))!.pdf), s.pdf);
  assert.equal((await store.sealCertificates.get(f.tenantId))?.passphrase, `pass ${s.tag}`);
  const setting = await store.operationalSettings.get(f.tenantId, f.serviceId, 'delivery.webhook');
  assert.deepEqual(setting?.secrets, { token: `geheim ${s.tag}` });
  assert.equal(
    (await store.sentMails.byId(f.tenantId, s.mailId))?.text,
    `Erika ${s.tag} hat einen Antrag gestellt`,
  );
  assert.equal((await store.citizenLogins.current(f.tenantId, f.sessionHash))?.subject, `sub-${s.tag}`);
}

/** Every stored ciphertext of a tenant with its column, for before/after comparisons. */
async function ciphertexts(db: Kysely<DB>, tenantId: string) {
  const all = new Map<string, string | Uint8Array>();
  for (const column of ENCRYPTED_COLUMNS) {
    // Version 0 does not exist: every value of the tenant is "stale" against it.
    for (const v of await column.stale(db, tenantId, 0, '', 100_000))
      all.set(`${column.name} ${v.key}`, v.value);
  }
  return all;
}

for (const d of DIALECTS as DialectUnderTest[]) {
  describe(`tenant data key rotation (${d.name})`, () => {
    let database: TestDatabase;
    let a: TenantFixture;
    let b: TenantFixture;
    let seededA: Seeded;
    let seededB: Seeded;

    before(async () => {
      database = await d.open();
      const { store } = instance(database);
      a = await seedTenant(store, 'rot-a');
      b = await seedTenant(store, 'rot-b');
      seededA = await seedEverything(store, a, 'A');
      seededB = await seedEverything(store, b, 'B');
    });
    after(() => database.destroy());

    it('lists every encrypted column of the schema, and only those', async () => {
      // PostgreSQL's tables are in the test's own schema, which Kysely's introspection leaves out.
      const encrypted =
        database.dialect === 'postgres'
          ? (
              await sql<{ name: string }>`select table_name || '.' || column_name as name
                from information_schema.columns
                where table_schema = current_schema() and column_name like '%\_enc'`.execute(database.db)
            ).rows.map((r) => r.name)
          : (await database.db.introspection.getTables()).flatMap((t) =>
              t.columns.filter((c) => c.name.endsWith('_enc')).map((c) => `${t.name}.${c.name}`),
            );
      encrypted.push('file_blobs.content');
      assert.deepEqual(ENCRYPTED_COLUMNS.map((c) => c.name).sort(), encrypted.sort());
    });

    it('re-encrypts every kind of value while submits go on, retires the old key, leaves the other tenant alone', async () => {
      const before = await ciphertexts(database.db, a.tenantId);
      const otherBefore = await ciphertexts(database.db, b.tenantId);
      assert.ok(before.size >= ENCRYPTED_COLUMNS.length, `every column has a value: ${[...before.keys()]}`);
      for (const value of before.values()) assert.equal(keyVersionOf(value), 1);
      const oldSubmission = before.get(`submissions.answers_enc ${seededA.submissionId}`) as string;

      // An app instance submitting while the rotation runs.
      const app = instance(database);
      let stop = false;
      const concurrent: string[] = [];
      const submitting = (async () => {
        while (!stop || concurrent.length < 10) {
          const draft = await newDraft(app.store, a, { name: `gleichzeitig ${concurrent.length}` });
          const { input, audit: received } = submissionInput(a, draft.id, {
            answers: { name: `gleichzeitig ${concurrent.length}` },
          });
          await app.store.submissions.createFromDraft(input, received);
          concurrent.push(input.id);
        }
      })();

      const rotation = instance(database);
      const events: string[] = [];
      const result = await rotateTenantKey(
        {
          db: database.db,
          dialect: database.dialect,
          cipher: rotation.cipher,
          now: () => new Date(),
          refreshMs: REFRESH_MS,
          batch: 3,
          progress: (e) => events.push(e.kind),
        },
        a.tenantId,
      );
      stop = true;
      await submitting;

      assert.equal(result.version, 2);
      assert.equal(result.created, true);
      assert.deepEqual(result.retired, [1]);
      assert.deepEqual(result.unreadable, []);
      assert.ok(result.reencrypted >= before.size, `${result.reencrypted} of at least ${before.size}`);
      assert.deepEqual(events.at(0), 'created');
      assert.deepEqual(events.at(-1), 'retired');

      // Whatever the app wrote after the rotation finished uses the new key as well.
      const late = await newDraft(app.store, a, { name: 'danach' });
      const rows = await database.db
        .selectFrom('drafts')
        .select('answers_enc')
        .where('id', '=', late.id)
        .execute();
      assert.equal(keyVersionOf(rows[0]!.answers_enc), 2);

      const fresh = instance(database);
      await assertReadable(fresh.store, a, seededA);
      for (const [n, id] of concurrent.entries()) {
        assert.deepEqual((await fresh.store.submissions.byId(a.tenantId, id))?.answers, {
          name: `gleichzeitig ${n}`,
        });
      }
      const afterwards = await ciphertexts(database.db, a.tenantId);
      for (const [place, value] of afterwards) assert.equal(keyVersionOf(value), 2, place);
      for (const place of before.keys()) assert.ok(afterwards.has(place), `${place} is still there`);

      // The old key is destroyed: an old ciphertext no longer opens.
      const keys = await database.db.selectFrom('tenant_data_keys').selectAll().execute();
      assert.deepEqual(keys, []);
      await assert.rejects(
        fresh.cipher.decrypt(
          a.tenantId,
          oldSubmission,
          placeAad(a.tenantId, 'submissions', seededA.submissionId),
        ),
        { code: 'ERR_KEY_VERSION_UNKNOWN' },
      );

      // The other municipality: byte for byte as before, still version 1, still readable.
      assert.deepEqual(await ciphertexts(database.db, b.tenantId), otherBefore);
      const tenants = await database.db.selectFrom('tenants').select(['id', 'data_key_version']).execute();
      assert.equal(tenants.find((t) => t.id === b.tenantId)?.data_key_version, 1);
      await assertReadable(fresh.store, b, seededB);

      // Audited per run, counts and versions only.
      const audits = await database.db
        .selectFrom('audit_events')
        .select(['action', 'details_json'])
        .where('tenant_id', '=', a.tenantId)
        .where('action', 'like', 'keys.%')
        .orderBy('at')
        .execute();
      assert.deepEqual(
        audits.map((e) => e.action),
        ['keys.data-key-created', 'keys.data-key-retired'],
      );
      for (const e of audits)
        assert.doesNotMatch(String(e.details_json), /Erika|gleichzeitig|geheim|nachweis/);
    });

    it('a second rotation goes to version 3 and retires version 2', async () => {
      const result = await rotateTenantKey(
        {
          db: database.db,
          dialect: database.dialect,
          cipher: instance(database).cipher,
          now: () => new Date(),
          refreshMs: REFRESH_MS,
        },
        a.tenantId,
      );
      assert.equal(result.version, 3);
      assert.deepEqual(result.retired, [2]);
      await assertReadable(instance(database).store, a, seededA);
    });
  });
}
