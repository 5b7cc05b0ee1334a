/**
 * Links every page of a municipality must carry: Impressum (§ 5 DDG), Datenschutzerklärung
 * (Art. 13 DSGVO) and Erklärung zur Barrierefreiheit (§ 12b BGG, BITV 2.0). Municipalities publish
 * them on their own website; Amtsweg links to them in the footer of its citizen pages.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

const COLUMNS = ['imprint_url', 'privacy_url', 'accessibility_url'];

export async function up(db: AnyDB): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('tenants').addColumn(column, 'text').execute();
}

export async function down(db: AnyDB): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('tenants').dropColumn(column).execute();
}
