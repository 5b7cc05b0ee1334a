/**
 * Reading a LeiKa catalogue file (ADR 0053): the official LeiKa CSV (`;`-separated, a header of
 * Schluessel … Veröffentlichungsdatum, UTF-8 or Windows-1252) and, as an example and for tests,
 * the 2019 OZG implementation catalogue's export (`leika_key,leika_name,…`, comma-separated).
 * Pure: bytes in, entries and the rows skipped (with their line numbers) out. The CSV itself is
 * parsed by csv-parse; this module only decides the encoding and the format and reads the rows.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { LeikaEntry } from '../domain.ts';

export type LeikaFormat = 'leika' | 'ozg-2019';
export type LeikaEncoding = 'utf-8' | 'windows-1252';

export interface SkippedRow {
  /** The file's line the row ends on (1 is the header). */
  line: number;
  reason: 'key-malformed' | 'name-missing' | 'key-duplicate';
  /** The key column as written (shortened), to find the row. */
  key: string;
}

export type LeikaFileOutcome =
  | {
      ok: true;
      format: LeikaFormat;
      encoding: LeikaEncoding;
      entries: LeikaEntry[];
      skipped: SkippedRow[];
    }
  /** Not a LeiKa CSV: nothing is to be imported. */
  | { ok: false; reason: 'header' | 'csv'; message: string };

/** The official file's columns; each must be in the header (in any order). */
export const LEIKA_COLUMNS = [
  'Schluessel',
  'Leistungsgruppierung',
  'Leistungskennung',
  'Verrichtung',
  'Verrichtungsdetail',
  'Bezeichnung',
  'Bezeichnung2',
  'Typ',
  'Synonyme',
  'Besondere Merkmale',
  'Veröffentlichungsdatum',
] as const;

const OZG_COLUMNS = ['leika_key', 'leika_name', 'leika_typisierung'] as const;
const KEY = /^[0-9]{14}$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/**
 * UTF-8 when the bytes are valid UTF-8 (a Windows-1252 file with umlauts almost never is: its
 * umlauts are single bytes ≥ 0x80 that UTF-8 does not allow alone), else Windows-1252.
 */
export function decodeLeikaBytes(bytes: Uint8Array): { text: string; encoding: LeikaEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** `01.06.2023` → `2023-06-01`; an ISO date stays; anything else is kept as written. */
function publishedDate(text: string): string | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const german = GERMAN_DATE.exec(value);
  if (german) return `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`;
  return value;
}

function headerOf(firstLine: string, delimiter: string): string[] {
  return firstLine.split(delimiter).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function formatOf(text: string): { format: LeikaFormat; delimiter: string } | undefined {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const official = headerOf(firstLine, ';').map((c) =>
    c === 'Veroeffentlichungsdatum' ? 'Veröffentlichungsdatum' : c,
  );
  if (LEIKA_COLUMNS.every((c) => official.includes(c))) return { format: 'leika', delimiter: ';' };
  const ozg = headerOf(firstLine, ',');
  if (OZG_COLUMNS.every((c) => ozg.includes(c))) return { format: 'ozg-2019', delimiter: ',' };
  return undefined;
}

const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

export function readLeikaFile(bytes: Uint8Array): LeikaFileOutcome {
  const { text, encoding } = decodeLeikaBytes(bytes);
  const found = formatOf(text);
  if (!found) {
    return {
      ok: false,
      reason: 'header',
      message: `the first line is not the header of a LeiKa CSV (columns separated by ";": ${LEIKA_COLUMNS.join(', ')})`,
    };
  }
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      delimiter: found.delimiter,
      columns: (header: string[]) =>
        header.map((c) => {
          const name = c.trim();
          return name === 'Veroeffentlichungsdatum' ? 'Veröffentlichungsdatum' : name;
        }),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { ok: false, reason: 'csv', message: error.message };
  }
  const entries: LeikaEntry[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const row = (name: string) => record[name] ?? '';
    const rawKey = (found.format === 'leika' ? row('Schluessel') : row('leika_key')).trim();
    const line = info.lines;
    const shown = rawKey.slice(0, 40);
    if (!KEY.test(rawKey)) {
      skipped.push({ line, reason: 'key-malformed', key: shown });
      continue;
    }
    const entry: LeikaEntry | undefined =
      found.format === 'leika' ? officialEntry(rawKey, row) : ozgEntry(rawKey, row);
    if (!entry) {
      skipped.push({ line, reason: 'name-missing', key: shown });
      continue;
    }
    if (seen.has(rawKey)) {
      skipped.push({ line, reason: 'key-duplicate', key: shown });
      continue;
    }
    seen.add(rawKey);
    entries.push(entry);
  }
  return { ok: true, format: found.format, encoding, entries, skipped };
}

function officialEntry(key: string, row: (name: string) => string): LeikaEntry | undefined {
  const name1 = optional(row('Bezeichnung'));
  const name2 = optional(row('Bezeichnung2'));
  const name = name1 ?? name2;
  if (!name) return undefined;
  const type = optional(row('Typ'));
  const synonyms = optional(row('Synonyme'));
  const published = publishedDate(row('Veröffentlichungsdatum'));
  return {
    key,
    name,
    ...(name1 && name2 && { name2 }),
    ...(type && { type }),
    ...(synonyms && { synonyms }),
    ...(published && { published }),
  };
}

function ozgEntry(key: string, row: (name: string) => string): LeikaEntry | undefined {
  const name = optional(row('leika_name'));
  if (!name) return undefined;
  const type = optional(row('leika_typisierung'));
  return { key, name, ...(type && { type }) };
}
