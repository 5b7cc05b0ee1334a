/**
 * The title of an uploaded definition beside it (ADR 0027), so that the list of candidates reads
 * a few columns per row instead of whole definitions (up to 2 MiB each). Existing rows get theirs
 * from their definition.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema.alterTable('service_candidates').addColumn('title_json', 'text').execute();
  const rows: Array<{ id: string; definition_json: string }> = await db
    .selectFrom('service_candidates')
    .select(['id', 'definition_json'])
    .execute();
  for (const row of rows) {
    const title = (JSON.parse(row.definition_json) as { title?: unknown }).title ?? { de: '' };
    await db
      .updateTable('service_candidates')
      .set({ title_json: JSON.stringify(title) })
      .where('id', '=', row.id)
      .execute();
  }
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.alterTable('service_candidates').dropColumn('title_json').execute();
}
