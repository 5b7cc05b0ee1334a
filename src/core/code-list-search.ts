/**
 * Finding one of the installation's code lists by its name (ADR 0015, ADR 0046 amendment): the
 * visual editor's code-list picker, so a designer chooses "Familienstand" instead of typing
 * `urn:de:dsmeld:schluesseltabelle:familienstand`. The directory holds a handful of lists up to a
 * few hundred, all in memory: a plain, bounded scan is enough.
 */
import type { CodeList } from '../definition/fim/index.ts';
import type { Option } from '../definition/types.ts';
import type { CodeListSource } from './code-lists.ts';
import { resolveCodeLists } from './code-lists.ts';

/** At most this many matches are shown; a longer query narrows them. */
export const CODE_LIST_SEARCH_LIMIT = 20;
/** A query longer than any list's name is not a designer's. */
export const CODE_LIST_QUERY_MAX = 100;

export interface CodeListMatch {
  uri: string;
  name: string;
  version: string | undefined;
  entries: number;
}

export interface CodeListSearchResult {
  query: string;
  /** Lists in the directory at all (none: the page says a directory must be set up). */
  available: number;
  matches: CodeListMatch[];
  /** More lists matched than are shown. */
  more: boolean;
}

/** Lower case without accents: "Staatsangehörigkeit" is found by "staatsangehorigkeit" too. */
const fold = (text: string): string =>
  text.toLocaleLowerCase('de').normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

/**
 * The lists whose name or URI contains every word of the query, by name; the newest version of
 * each URI only (the reference follows the newest unless a version is pinned). An empty query
 * lists them all, up to the limit.
 */
export function searchCodeLists(lists: readonly CodeList[], rawQuery: string): CodeListSearchResult {
  const query = rawQuery.trim().slice(0, CODE_LIST_QUERY_MAX);
  const words = fold(query).split(/\s+/).filter(Boolean);
  const newest = new Map<string, CodeList>();
  for (const list of lists) {
    const known = newest.get(list.canonicalUri);
    if (!known || (list.version ?? '') > (known.version ?? '')) newest.set(list.canonicalUri, list);
  }
  const found = [...newest.values()]
    .filter((list) => {
      const text = fold(`${list.name} ${list.canonicalUri}`);
      return words.every((word) => text.includes(word));
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return {
    query,
    available: newest.size,
    matches: found.slice(0, CODE_LIST_SEARCH_LIMIT).map((list) => ({
      uri: list.canonicalUri,
      name: list.name,
      version: list.version,
      entries: list.options.length,
    })),
    more: found.length > CODE_LIST_SEARCH_LIMIT,
  };
}

/**
 * The entries of the list with `uri` as a choice field's options, resolved as publishing resolves
 * them (the list of all municipalities with Kreis and Land); undefined when there is no such list
 * or it has no usable entries.
 */
export async function codeListEntries(
  source: CodeListSource | undefined,
  uri: string,
): Promise<Option[] | undefined> {
  if (!source || !(await source.find(uri))) return undefined;
  const resolved = await resolveCodeLists(
    { steps: [{ fields: [{ type: 'select', codeList: { uri } }] }] },
    source,
  );
  if (!resolved.ok) return undefined;
  const field = (resolved.definition as { steps: [{ fields: [{ options: Option[] }] }] }).steps[0].fields[0];
  return field.options;
}
