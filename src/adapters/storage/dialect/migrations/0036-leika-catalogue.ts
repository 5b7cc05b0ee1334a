/**
 * The LeiKa catalogue (ADR 0053): the federal Leistungskatalog as an operator imported it with
 * `amtsweg leika-import`, one per installation (it is the same for every municipality), so it has
 * no tenant column. A re-import replaces every row in one transaction.
 *
 * - `key`: the 14-digit LeiKa-Schlüssel, the primary key; a search by key prefix is a range on it.
 * - `name`, `name2`: Bezeichnung and Bezeichnung2; `type`: Typ (e.g. `1`, `2/3`); `synonyms`: the
 *   Synonyme as the file has them; `published`: Veröffentlichungsdatum (ISO date when the file had
 *   a date, else as written); `imported_at`: when the catalogue was imported (equal on every row).
 * - `search_text`: name, name2 and synonyms lower-cased, the column a name search reads with a
 *   bounded LIKE (the same on SQLite and PostgreSQL, whose LIKE differ in case handling).
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration must not depend on the current schema type
type AnyDB = Kysely<any>;

export async function up(db: AnyDB): Promise<void> {
  await db.schema
    .createTable('leika_entries')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name2', 'text')
    .addColumn('type', 'text')
    .addColumn('synonyms', 'text')
    .addColumn('published', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDB): Promise<void> {
  await db.schema.dropTable('leika_entries').execute();
}
