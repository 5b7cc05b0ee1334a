/**
 * Reads an OASIS genericode 1.0 code list (the format of XÖV code lists in XRepository) into
 * options. Used to resolve a Datenfeld's `codelisteReferenz`; the importer itself stays pure, the
 * caller (CLI, admin upload) supplies the lists it has.
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
  options: Option[];
}

/** Children of genericode documents are unqualified (no namespace) in XÖV lists. */
function sub(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function parseGenericode(xml: string): CodeList {
  const root = parseXml(xml);
  if (root.ns !== GENERICODE_NS || root.name !== 'CodeList') {
    throw new FimImportError(
      'FIM_INVALID_CODELIST',
      `not a genericode code list: root element is {${root.ns}}${root.name}, expected {${GENERICODE_NS}}CodeList`,
    );
  }
  const identification = sub(root, 'Identification');
  const canonicalUri = clean(sub(identification, 'CanonicalUri')?.text);
  if (!canonicalUri) {
    throw new FimImportError(
      'FIM_INVALID_CODELIST',
      'genericode code list without Identification/CanonicalUri',
    );
  }
  const columnSet = sub(root, 'ColumnSet');
  const columns = (columnSet?.children ?? []).filter((c) => c.name === 'Column').map((c) => c.attrs.Id ?? '');
  // The recommended code column is the first key's column; the label is the first other column.
  const key = sub(columnSet, 'Key');
  const codeColumn = sub(key, 'ColumnRef')?.attrs.Ref ?? columns[0] ?? 'code';
  const labelColumn = columns.find((c) => c !== codeColumn) ?? codeColumn;
  const options: Option[] = [];
  const seen = new Set<string>();
  for (const row of sub(root, 'SimpleCodeList')?.children ?? []) {
    if (row.name !== 'Row') continue;
    let code = '';
    let label = '';
    for (const value of row.children) {
      if (value.name !== 'Value') continue;
      const text = clean(sub(value, 'SimpleValue')?.text);
      if (value.attrs.ColumnRef === codeColumn) code = text;
      if (value.attrs.ColumnRef === labelColumn) label = text;
    }
    if (code === '' || seen.has(code)) continue;
    seen.add(code);
    options.push({ value: code, label: { de: label || code } });
  }
  const version = clean(sub(identification, 'Version')?.text);
  const versionUri = clean(sub(identification, 'CanonicalVersionUri')?.text);
  return {
    canonicalUri,
    ...(versionUri ? { canonicalVersionUri: versionUri } : {}),
    ...(version ? { version } : {}),
    name: clean(sub(identification, 'LongName')?.text) || clean(sub(identification, 'ShortName')?.text),
    options,
  };
}
