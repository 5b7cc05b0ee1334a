/**
 * Definition format 2 (ADR 0023): the stored definitions of published versions and of uploaded
 * candidates are brought to the current format once — local settings moved into `local`, every
 * step and field given its stable `uid` — so that every reader sees one format. The meaning of a
 * published version does not change: the same fields, rules and texts, moved and given ids.
 *
 * Uses the definition layer's own upgrade (`upgradeStored`), so a later format version only needs
 * another migration calling it; rows already current are left alone. Rows are read and written in
 * pages, so a large installation does not hold every definition in memory at once.
 */
import type { Kysely } from 'kysely';
import { upgradeStored } from '../../../../definition/format-migration.ts';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

const PAGE = 200;
const TABLES = ['service_versions', 'service_candidates'] as const;

async function upgradeTable(db: AnyDB, table: (typeof TABLES)[number]): Promise<void> {
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; definition_json: string }> = await db
      .selectFrom(table)
      .select(['id', 'definition_json'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const stored: unknown = JSON.parse(row.definition_json);
      const upgraded = upgradeStored(stored);
      if (upgraded === stored) continue;
      await db
        .updateTable(table)
        .set({ definition_json: JSON.stringify(upgraded) })
        .where('id', '=', row.id)
        .execute();
    }
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}

export async function up(db: AnyDB): Promise<void> {
  for (const table of TABLES) await upgradeTable(db, table);
}

/** Format 2 documents stay readable by this and later versions only; there is no way back. */
export async function down(): Promise<void> {}
