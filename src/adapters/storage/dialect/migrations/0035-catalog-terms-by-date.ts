/**
 * The catalog search's order in its term index (ADR 0043, measured in docs/performance.md).
 *
 * `catalog_terms.updated_at` is a copy of its entry's `updated_at` (written together on every
 * offer), and `catalog_terms_term_updated` indexes `(term, updated_at, entry_id)`. A one-word
 * search then reads the newest 50 matches from one index range on both databases. Without it,
 * PostgreSQL's planner walked the entries newest first and probed each one's terms: a few hundred
 * probes for a word that 1–3 % of the entries have, 5 × a bare indexed query at p99.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .alterTable('catalog_terms')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update catalog_terms set updated_at = (select e.updated_at from catalog_entries e where e.id = catalog_terms.entry_id)`.execute(
    db,
  );
  await db.schema
    .createIndex('catalog_terms_term_updated')
    .on('catalog_terms')
    .columns(['term', 'updated_at', 'entry_id'])
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropIndex('catalog_terms_term_updated').execute();
  await db.schema.alterTable('catalog_terms').dropColumn('updated_at').execute();
}
