/**
 * The installation's LeiKa catalogue (ADR 0053): the operator's import and the designers' search.
 *
 * No catalogue ships with Amtsweg: the federal one changes, and an old copy would offer keys that
 * no longer exist. An operator imports the current official CSV with `amtsweg leika-import`; until
 * then the editor offers the plain key input only. The catalogue is installation-wide (the same
 * federal list for every municipality), so searching it reveals nothing about another tenant.
 */
import type { LeikaCatalogueInfo, LeikaEntry, StaffSession } from '../domain.ts';
import type { Clock, Store } from '../ports.ts';
import { requireRole } from '../roles.ts';
import { type LeikaEncoding, type LeikaFormat, readLeikaFile, type SkippedRow } from './csv.ts';

/** At most this many matches are shown; the query asks for one more to say "more than". */
export const LEIKA_SEARCH_LIMIT = 20;
/** Longer search texts are cut: no Leistung's name needs more. */
const MAX_QUERY = 100;

export type LeikaImportOutcome =
  | {
      kind: 'imported';
      format: LeikaFormat;
      encoding: LeikaEncoding;
      imported: number;
      /** When the catalogue it replaced was imported; undefined when there was none. */
      replaced: string | undefined;
      skipped: SkippedRow[];
    }
  /** Not a LeiKa CSV (wrong header, broken quoting): nothing changed. */
  | { kind: 'not-leika'; message: string }
  /** No row had a valid key and a name: nothing changed. */
  | { kind: 'empty'; skipped: SkippedRow[] }
  /** A catalogue was imported before and `replace` was not asked for: nothing changed. */
  | { kind: 'exists'; importedAt: string };

/** Imports a LeiKa CSV (operator; no session). A re-import with `replace` swaps it atomically. */
export async function importLeikaCatalogue(
  deps: { store: Store; clock: Clock },
  bytes: Uint8Array,
  options: { replace: boolean },
): Promise<LeikaImportOutcome> {
  const read = readLeikaFile(bytes);
  if (!read.ok) return { kind: 'not-leika', message: read.message };
  if (read.entries.length === 0) return { kind: 'empty', skipped: read.skipped };
  const before = await deps.store.leika.info();
  if (before && !options.replace) return { kind: 'exists', importedAt: before.importedAt };
  await deps.store.leika.replace(read.entries, deps.clock.now().toISOString());
  return {
    kind: 'imported',
    format: read.format,
    encoding: read.encoding,
    imported: read.entries.length,
    replaced: before?.importedAt,
    skipped: read.skipped,
  };
}

export interface LeikaSearchResult {
  /** Undefined when no catalogue was imported: the editor says so and keeps the plain input. */
  catalogue: LeikaCatalogueInfo | undefined;
  /** The search text as used (trimmed, cut), empty when there was none. */
  query: string;
  matches: LeikaEntry[];
  /** More than `LEIKA_SEARCH_LIMIT` matched: the designer should narrow the search. */
  more: boolean;
}

export class LeikaCatalogue {
  readonly #store: Store;

  constructor(deps: { store: Store }) {
    this.#store = deps.store;
  }

  /** Up to 20 entries by key prefix (digits) or by name and synonyms (anything else). */
  async search(session: StaffSession, text: string | undefined): Promise<LeikaSearchResult> {
    requireRole(session, 'designer');
    const catalogue = await this.#store.leika.info();
    const query = (text ?? '').trim().slice(0, MAX_QUERY);
    if (!catalogue || !query) return { catalogue, query, matches: [], more: false };
    const compact = query.replace(/\s+/g, '');
    const found = /^[0-9]{1,14}$/.test(compact)
      ? await this.#store.leika.byKeyPrefix(compact, LEIKA_SEARCH_LIMIT + 1)
      : await this.#store.leika.byText(query, LEIKA_SEARCH_LIMIT + 1);
    return {
      catalogue,
      query,
      matches: found.slice(0, LEIKA_SEARCH_LIMIT),
      more: found.length > LEIKA_SEARCH_LIMIT,
    };
  }

  /** The names of these keys where the catalogue knows them (shown beside a key). */
  async names(keys: ReadonlyArray<string | null | undefined>): Promise<Map<string, string>> {
    const wanted = keys.filter((k): k is string => typeof k === 'string');
    if (wanted.length === 0) return new Map();
    const entries = await this.#store.leika.byKeys(wanted);
    return new Map(entries.map((e) => [e.key, e.name]));
  }
}
