import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type TestDatabase } from '../../../test/support/databases.ts';
import {
  newDraft,
  seedTenant,
  storeFor,
  submissionInput,
  type TenantFixture,
} from '../../../test/support/storage/fixtures.ts';
import type { Store } from '../../core/ports.ts';

const TABLES = [
  'tenants',
  'staff_accounts',
  'staff_sessions',
  'services',
  'service_versions',
  'drafts',
  'submissions',
  'audit_events',
  'operational_settings',
] as const;

/** Every byte the database holds for this test: the SQLite files, or every row as text on PostgreSQL. */
async function rawContents(database: TestDatabase): Promise<string> {
  if (database.sqlitePath) {
    // The WAL is not checkpointed yet: recent writes live only in `-wal`, so it must be read too.
    return ['', '-wal', '-shm']
      .map((suffix) => `${database.sqlitePath}${suffix}`)
      .filter((path) => existsSync(path))
      .map((path) => readFileSync(path).toString('latin1'))
      .join('\n');
  }
  const parts: string[] = [];
  for (const table of TABLES) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t`.execute(
      database.db,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

for (const d of DIALECTS) {
  describe(`encryption at rest on ${d.name}`, () => {
    let database: TestDatabase;
    let store: Store;
    let f: TenantFixture;
    // Markers are ASCII so they look the same in UTF-8 and latin1 views of the bytes.
    const secret = `GEHEIM-${randomUUID()}`;
    const visible = `sichtbar-${randomUUID().slice(0, 8)}`;

    before(async () => {
      database = await d.open();
      store = storeFor(database).store;
      f = await seedTenant(store, visible, { name: `${secret}-draft` });
    });
    after(() => database.destroy());

    it('never writes answers in plaintext (drafts, saved steps, submissions)', async () => {
      const draft = await newDraft(store, f, { name: `${secret}-second` });
      await store.drafts.saveAnswers(f.tenantId, draft.id, { name: `${secret}-saved`, list: [secret] }, 'x');
      const { input, audit } = submissionInput(f, draft.id, { answers: { name: `${secret}-submitted` } });
      await store.submissions.createFromDraft(input, audit);
      assert.equal((await store.submissions.byId(f.tenantId, input.id))?.answers.name, `${secret}-submitted`);

      const raw = await rawContents(database);
      // The check must be able to see plaintext at all: the tenant slug is stored in the clear.
      assert.ok(raw.includes(visible), 'control marker not found; the raw read is broken');
      assert.ok(!raw.includes(secret), 'plaintext answer found in the database');
      assert.ok(!raw.includes('GEHEIM'), 'plaintext answer prefix found in the database');
    });

    it('never writes a secret option of an operational setting in plaintext', async () => {
      await store.operationalSettings.put(
        {
          tenantId: f.tenantId,
          serviceId: f.serviceId,
          kind: 'delivery.webhook',
          options: { url: `https://${visible}.example/eingang` },
          secrets: { token: `${secret}-token` },
          updatedAt: '2025-03-01T10:00:00.000Z',
          updatedBy: null,
        },
        {
          tenantId: f.tenantId,
          actorType: 'operator',
          actorId: null,
          action: 'setting.changed',
          subjectType: 'operational_setting',
          subjectId: f.serviceId,
          details: { kind: 'delivery.webhook', changed: ['url', 'token'] },
        },
      );
      const stored = await store.operationalSettings.get(f.tenantId, f.serviceId, 'delivery.webhook');
      assert.equal(stored?.secrets.token, `${secret}-token`, 'the secret reads back');
      const raw = await rawContents(database);
      assert.ok(raw.includes(`${visible}.example/eingang`), 'options that are not secret are plain');
      assert.ok(!raw.includes(secret), 'plaintext secret found in the database');
    });

    it('refuses tampered ciphertext', async () => {
      const draft = await newDraft(store, f, { name: 'x' });
      const { input, audit } = submissionInput(f, draft.id);
      await store.submissions.createFromDraft(input, audit);
      const row = await database.db
        .selectFrom('submissions')
        .select('answers_enc')
        .where('id', '=', input.id)
        .executeTakeFirstOrThrow();
      // Flip one bit of the decoded ciphertext (editing the last base64 character may only touch
      // padding bits that decoding ignores).
      const parts = row.answers_enc.split('.');
      const body = Buffer.from(parts[3]!, 'base64url');
      body[0]! ^= 1;
      parts[3] = body.toString('base64url');
      await database.db
        .updateTable('submissions')
        .set({ answers_enc: parts.join('.') })
        .where('id', '=', input.id)
        .execute();
      await assert.rejects(store.submissions.byId(f.tenantId, input.id), { code: 'ERR_DECRYPT_FAILED' });
    });

    it('refuses ciphertext copied to another row', async () => {
      const d1 = await newDraft(store, f, { name: 'eins' });
      const d2 = await newDraft(store, f, { name: 'zwei' });
      const s1 = submissionInput(f, d1.id);
      const s2 = submissionInput(f, d2.id);
      await store.submissions.createFromDraft(s1.input, s1.audit);
      await store.submissions.createFromDraft(s2.input, s2.audit);
      const source = await database.db
        .selectFrom('submissions')
        .select('answers_enc')
        .where('id', '=', s1.input.id)
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('submissions')
        .set({ answers_enc: source.answers_enc })
        .where('id', '=', s2.input.id)
        .execute();
      await assert.rejects(store.submissions.byId(f.tenantId, s2.input.id), { code: 'ERR_DECRYPT_FAILED' });
    });
  });
}
