/**
 * The installation's LeiKa catalogue (ADR 0053, migration 0036). No tenant: the catalogue is the
 * federal one, the same for every municipality. Every read is bounded: a key prefix is a range on
 * the primary key (an index range scan however large the catalogue, on both databases and in any
 * collation, as keys are digits of one length), a text search a LIKE with a LIMIT.
 */
import { type Kysely, sql } from 'kysely';
import type { LeikaEntry } from '../../../core/domain.ts';
import type { Store } from '../../../core/ports.ts';
import type { DB, LeikaEntriesTable } from '../dialect/schema.ts';
import type { StoreContext } from './context.ts';

const KEY_LENGTH = 14;
/** Rows per INSERT: 8 columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

/** What a text search matches: lower-cased in JavaScript, so both databases compare the same. */
export function leikaSearchText(entry: LeikaEntry): string {
  return [entry.name, entry.name2, entry.synonyms]
    .filter((part): part is string => Boolean(part))
    .join(' ')
    .toLocaleLowerCase('de');
}

function toEntry(row: LeikaEntriesTable): LeikaEntry {
  return {
    key: row.key,
    name: row.name,
    ...(row.name2 !== null && { name2: row.name2 }),
    ...(row.type !== null && { type: row.type }),
    ...(row.synonyms !== null && { synonyms: row.synonyms }),
    ...(row.published !== null && { published: row.published }),
  };
}

/** `%` and `_` in a user's text match themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The entries whose key starts with `keyPrefix`: a range on the primary key, so an index range
 * scan on both databases (exported for the test that asks each database for its plan).
 */
export function keyPrefixQuery(db: Kysely<DB>, keyPrefix: string, limit: number) {
  const rest = KEY_LENGTH - keyPrefix.length;
  return db
    .selectFrom('leika_entries')
    .selectAll()
    .where('key', '>=', keyPrefix + '0'.repeat(rest))
    .where('key', '<=', keyPrefix + '9'.repeat(rest))
    .orderBy('key')
    .limit(limit);
}

export function leikaRepository({ db, transaction }: StoreContext): Store['leika'] {
  return {
    async replace(entries, importedAt) {
      await transaction(async (trx) => {
        // A write first, as the group commit needs (see group-commit.ts).
        await trx.deleteFrom('leika_entries').execute();
        for (let i = 0; i < entries.length; i += BATCH) {
          await trx
            .insertInto('leika_entries')
            .values(
              entries.slice(i, i + BATCH).map((e) => ({
                key: e.key,
                name: e.name,
                name2: e.name2 ?? null,
                type: e.type ?? null,
                synonyms: e.synonyms ?? null,
                published: e.published ?? null,
                search_text: leikaSearchText(e),
                imported_at: importedAt,
              })),
            )
            .execute();
        }
      });
    },

    async info() {
      const row = await db.selectFrom('leika_entries').select('imported_at').limit(1).executeTakeFirst();
      return row && { importedAt: row.imported_at };
    },

    async byKeyPrefix(keyPrefix, limit) {
      if (!/^[0-9]{1,14}$/.test(keyPrefix)) return [];
      const rows = await keyPrefixQuery(db, keyPrefix, limit).execute();
      return rows.map(toEntry);
    },

    async byText(text, limit) {
      const needle = text.trim().toLocaleLowerCase('de');
      if (!needle) return [];
      const rows = await db
        .selectFrom('leika_entries')
        .selectAll()
        .where(sql<boolean>`search_text like ${`%${escapeLike(needle)}%`} escape '\\'`)
        .orderBy('name')
        .orderBy('key')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },

    async byKeys(keys) {
      const wanted = [...new Set(keys)].filter((k) => /^[0-9]{14}$/.test(k));
      if (wanted.length === 0) return [];
      const rows = await db.selectFrom('leika_entries').selectAll().where('key', 'in', wanted).execute();
      return rows.map(toEntry);
    },
  };
}
