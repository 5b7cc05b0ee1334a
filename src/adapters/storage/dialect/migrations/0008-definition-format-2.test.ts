import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DIALECTS, type TestDatabase } from '../../../../../test/support/databases.ts';
import { parseDefinition } from '../../../../definition/parse.ts';
import { MIGRATIONS } from './index.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
/** The Hund-anmelden demo as an earlier Amtsweg stored it (format 1, parsed: no `$schema`), and as it is now. */
const { $schema: _hint, ...storedV1 } = JSON.parse(
  read('../../../../../test/fixtures/format-1/hund-anmelden.json'),
);
const hundV1 = JSON.stringify(storedV1);
const hundV2 = JSON.parse(read('../../../../../definitions/musterstadt/hund-anmelden.json'));

const BEFORE = Object.keys(MIGRATIONS).filter((name) => name < '0008');

for (const d of DIALECTS) {
  describe(`migration 0008 (definition format 2) on ${d.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await d.open({ migrate: false });
      // The database as the previous release left it, with a published version and a candidate.
      for (const name of BEFORE) await MIGRATIONS[name]!.up(database.db);
      const db = database.db as never as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
      const at = '2026-11-01T10:00:00.000Z';
      await db
        .insertInto('tenants')
        .values({
          id: 't1',
          slug: 'musterstadt',
          name_de: 'Musterstadt',
          wrapped_data_key: 'x',
          created_at: at,
        })
        .execute();
      await db
        .insertInto('staff_accounts')
        .values({
          id: 'a1',
          tenant_id: 't1',
          username: 'sd',
          display_name: 'SD',
          password_hash: 'x',
          roles: 'designer',
          created_at: at,
        })
        .execute();
      await db
        .insertInto('services')
        .values({ id: 's1', tenant_id: 't1', slug: 'hund-anmelden', created_at: at })
        .execute();
      await db
        .insertInto('service_versions')
        .values({
          id: 'v1',
          tenant_id: 't1',
          service_id: 's1',
          version: 1,
          definition_json: hundV1,
          title_json: '{}',
          published_at: at,
        })
        .execute();
      await db
        .insertInto('service_candidates')
        .values({
          id: 'c1',
          tenant_id: 't1',
          slug: 'hund-anmelden',
          source: 'json',
          file_name: 'hund.json',
          definition_json: hundV1,
          warnings_json: '[]',
          uploaded_by: 'a1',
          uploaded_at: at,
        })
        .execute();
      await MIGRATIONS['0008-definition-format-2']!.up(database.db);
    });
    after(() => database.destroy());

    it('stores published versions and candidates in format 2 with their uids, meaning unchanged', async () => {
      const expected = parseDefinition(hundV2);
      assert.ok(expected.ok);
      for (const table of ['service_versions', 'service_candidates'] as const) {
        const row = await (
          database.db as never as import('kysely').Kysely<Record<string, { definition_json: string }>>
        )
          .selectFrom(table)
          .select('definition_json')
          .executeTakeFirstOrThrow();
        const stored = JSON.parse(row.definition_json);
        assert.equal(stored.formatVersion, 2, table);
        assert.equal(stored.office, undefined, table);
        assert.ok(
          stored.steps.every((s: { uid?: string }) => typeof s.uid === 'string'),
          table,
        );
        assert.deepEqual(stored, JSON.parse(JSON.stringify(expected.definition)), table);
      }
    });

    it('leaves rows that are already current alone when it runs again', async () => {
      const db = database.db as never as import('kysely').Kysely<Record<string, { definition_json: string }>>;
      const before = await db
        .selectFrom('service_versions')
        .select('definition_json')
        .executeTakeFirstOrThrow();
      await MIGRATIONS['0008-definition-format-2']!.up(database.db);
      const again = await db
        .selectFrom('service_versions')
        .select('definition_json')
        .executeTakeFirstOrThrow();
      assert.equal(again.definition_json, before.definition_json);
    });
  });
}
