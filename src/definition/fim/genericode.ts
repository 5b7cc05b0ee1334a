/**
 * Reads an OASIS genericode 1.0 code list (the format of XÖV code lists in XRepository): its
 * identification, columns and rows, and options from a code and a label column. Used by the FIM
 * import to resolve a Datenfeld's `codelisteReferenz` and by publishing to resolve a field's
 * `codeList` (core/code-lists.ts). Pure: the caller reads the files. The XML reader refuses any
 * DOCTYPE (no DTDs, no entities: no XXE, no entity expansion) and over-deep nesting.
 */
import type { Option } from '../types.ts';
import { FimImportError } from './errors.ts';
import { clean, parseXml, type XmlElement } from './xml.ts';

export const GENERICODE_NS = 'http://docs.oasis-open.org/codelist/ns/genericode/1.0/';

export interface CodeList {
  canonicalUri: string;
  canonicalVersionUri?: string;
  version?: string;
  name: string;
  /** Column ids in document order. */
  columns: readonly string[];
  /** The key column (the code people's systems store); the first column if no key is declared. */
  keyColumn: string;
  /** The column shown by default: the first column that is not the key column. */
  labelColumn: string;
  /** One array per row, aligned with `columns`; '' where a row has no value. */
  rows: readonly (readonly string[])[];
  /** Options from the key and label columns (rows without a code and repeated codes left out). */
  options: Option[];
}

/** Children of genericode documents are unqualified (no namespace) in XÖV lists. */
function sub(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

function invalid(de: string, en: string): FimImportError {
  return new FimImportError('FIM_INVALID_CODELIST', { de, en });
}

/**
 * Options from the given columns (by default the key and the label column). Rows without a code
 * are left out, and so is any repetition of a code (the first row wins): codes must be unique.
 * Throws when a column does not exist, naming the columns there are.
 */
export function codeListOptions(list: CodeList, codeColumn?: string, labelColumn?: string): Option[] {
  const column = (name: string) => {
    const index = list.columns.indexOf(name);
    if (index < 0)
      throw invalid(
        `Die Spalte „${name}“ gibt es in der Codeliste ${list.canonicalUri} nicht; ihre Spalten sind ${list.columns.join(', ')}`,
        `column '${name}' is not in code list ${list.canonicalUri}; its columns are ${list.columns.join(', ')}`,
      );
    return index;
  };
  const code = column(codeColumn ?? list.keyColumn);
  const label = column(labelColumn ?? list.labelColumn);
  const options: Option[] = [];
  const seen = new Set<string>();
  for (const row of list.rows) {
    const value = row[code] ?? '';
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    options.push({ value, label: { de: row[label] || value } });
  }
  return options;
}

export function parseGenericode(xml: string): CodeList {
  const root = parseXml(xml);
  if (root.ns !== GENERICODE_NS || root.name !== 'CodeList') {
    throw invalid(
      `Keine genericode-Codeliste: das Wurzelelement ist {${root.ns}}${root.name}, erwartet ist {${GENERICODE_NS}}CodeList`,
      `not a genericode code list: root element is {${root.ns}}${root.name}, expected {${GENERICODE_NS}}CodeList`,
    );
  }
  const identification = sub(root, 'Identification');
  const canonicalUri = clean(sub(identification, 'CanonicalUri')?.text);
  if (!canonicalUri)
    throw invalid(
      'genericode-Codeliste ohne Identification/CanonicalUri',
      'genericode code list without Identification/CanonicalUri',
    );
  const columnSet = sub(root, 'ColumnSet');
  const columns = (columnSet?.children ?? []).filter((c) => c.name === 'Column').map((c) => c.attrs.Id ?? '');
  if (columns.length === 0 || columns.some((c) => c === ''))
    throw invalid(
      `Die Codeliste ${canonicalUri} hat kein ColumnSet/Column mit einer Id`,
      `code list ${canonicalUri} has no ColumnSet/Column with an Id`,
    );
  // The recommended code column is the first key's column; the label is the first other column.
  const key = sub(columnSet, 'Key');
  const keyColumn = sub(key, 'ColumnRef')?.attrs.Ref ?? (columns[0] as string);
  if (!columns.includes(keyColumn))
    throw invalid(
      `Der Schlüssel der Codeliste ${canonicalUri} verweist auf die Spalte „${keyColumn}“, die nicht definiert ist`,
      `the key of code list ${canonicalUri} refers to column '${keyColumn}', which is not defined`,
    );
  const labelColumn = columns.find((c) => c !== keyColumn) ?? keyColumn;
  const index = new Map(columns.map((c, i) => [c, i]));
  const rows: string[][] = [];
  for (const row of sub(root, 'SimpleCodeList')?.children ?? []) {
    if (row.name !== 'Row') continue;
    const values = columns.map(() => '');
    for (const value of row.children) {
      if (value.name !== 'Value') continue;
      const i = index.get(value.attrs.ColumnRef ?? '');
      if (i !== undefined) values[i] = clean(sub(value, 'SimpleValue')?.text);
    }
    rows.push(values);
  }
  const version = clean(sub(identification, 'Version')?.text);
  const versionUri = clean(sub(identification, 'CanonicalVersionUri')?.text);
  const list: CodeList = {
    canonicalUri,
    ...(versionUri ? { canonicalVersionUri: versionUri } : {}),
    ...(version ? { version } : {}),
    name: clean(sub(identification, 'LongName')?.text) || clean(sub(identification, 'ShortName')?.text),
    columns,
    keyColumn,
    labelColumn,
    rows,
    options: [],
  };
  list.options = codeListOptions(list);
  return list;
}
