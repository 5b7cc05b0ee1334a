import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FimImportError } from './errors.ts';
import { codeListOptions, importFim, parseGenericode } from './index.ts';

// The code lists Amtsweg ships (see codelists/README.md for their source).
const codelists = new URL('../../../codelists/', import.meta.url);
const fixtures = new URL('../../../test/fixtures/fim/', import.meta.url);
const familienstandXml = readFileSync(new URL('xoev-familienstand-dsmeld1401-v2.gc.xml', codelists), 'utf8');

function refusal(xml: string): string {
  try {
    parseGenericode(xml);
  } catch (error) {
    assert.ok(error instanceof FimImportError);
    return error.code;
  }
  return 'accepted';
}

describe('parseGenericode on the DSMeld Familienstand list (XÖV genericode 1.0)', () => {
  const list = parseGenericode(familienstandXml);

  test('reads the identification', () => {
    assert.equal(list.canonicalUri, 'urn:de:dsmeld:schluesseltabelle:familienstand');
    assert.equal(list.canonicalVersionUri, 'urn:de:dsmeld:schluesseltabelle:familienstand_2');
    assert.equal(list.version, '2');
    assert.equal(list.name, 'Familienstand');
  });

  test('code from the key column, label from the other column, in document order', () => {
    assert.equal(list.options.length, 10);
    assert.deepEqual(list.options.slice(0, 3), [
      { value: 'LD', label: { de: 'ledig' } },
      { value: 'VH', label: { de: 'verheiratet' } },
      { value: 'VW', label: { de: 'verwitwet' } },
    ]);
    assert.deepEqual(list.options.at(-1), { value: 'NB', label: { de: 'nicht bekannt' } });
    assert.equal(new Set(list.options.map((o) => o.value)).size, 10);
  });

  test('a field referring to it by canonical URI and version gets its options', () => {
    const xml = readFileSync(new URL('familienstand.xml', fixtures), 'utf8');
    const result = importFim(xml, { codeLists: [list] });
    assert.ok(result.ok);
    const field = result.definition.steps[0]?.fields.find((f) => f.key === 'familienstand');
    // ten options: more than a radio group should hold
    assert.equal(field?.type, 'select');
    assert.deepEqual(field?.type === 'select' ? field.options : [], list.options);
    assert.deepEqual(field?.fim, { id: 'F92000001', version: '1.0' });
    assert.equal(
      result.warnings.some((w) => w.element === 'Datenfeld F92000001'),
      false,
    );
  });

  test('without the list the field still works as text, with a warning', () => {
    const xml = readFileSync(new URL('familienstand.xml', fixtures), 'utf8');
    const result = importFim(xml);
    assert.ok(result.ok);
    assert.equal(result.definition.steps[0]?.fields[0]?.type, 'text');
    assert.ok(
      result.warnings.some(
        (w) => w.element === 'Datenfeld F92000001' && /could not be resolved/.test(w.message.en),
      ),
    );
  });

  test('another version of the list does not resolve the reference', () => {
    const xml = readFileSync(new URL('familienstand.xml', fixtures), 'utf8');
    const result = importFim(xml, { codeLists: [{ ...list, version: '1', canonicalVersionUri: undefined }] });
    assert.ok(result.ok);
    assert.equal(result.definition.steps[0]?.fields[0]?.type, 'text');
  });
});

describe('parseGenericode refuses what is not a code list', () => {
  test('another root element or namespace', () => {
    assert.equal(refusal('<CodeList/>'), 'FIM_INVALID_CODELIST');
    assert.equal(
      refusal('<gc:Other xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"/>'),
      'FIM_INVALID_CODELIST',
    );
  });

  test('a list without CanonicalUri', () => {
    assert.equal(
      refusal(familienstandXml.replace(/<CanonicalUri>[^<]*<\/CanonicalUri>/, '')),
      'FIM_INVALID_CODELIST',
    );
  });

  test('a DOCTYPE (entities) and malformed XML', () => {
    const withDoctype = familienstandXml.replace(
      '<gc:CodeList',
      '<!DOCTYPE gc:CodeList [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<gc:CodeList',
    );
    assert.equal(refusal(withDoctype), 'FIM_DOCTYPE_REFUSED');
    assert.equal(refusal(familienstandXml.slice(0, 2000)), 'FIM_MALFORMED_XML');
  });
});

const gc = (columns: string, rows: string, key = '<Key Id="k"><ColumnRef Ref="code"/></Key>') =>
  `<?xml version="1.0"?><gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>T</ShortName><Version>1</Version><CanonicalUri>urn:test:liste</CanonicalUri></Identification><ColumnSet>${columns}${key}</ColumnSet><SimpleCodeList>${rows}</SimpleCodeList></gc:CodeList>`;
const col = (id: string) => `<Column Id="${id}"><ShortName>${id}</ShortName><Data Type="string"/></Column>`;
const row = (values: Record<string, string>) =>
  `<Row>${Object.entries(values)
    .map(([c, v]) => `<Value ColumnRef="${c}"><SimpleValue>${v}</SimpleValue></Value>`)
    .join('')}</Row>`;

describe('parseGenericode: columns, rows and refusals', () => {
  const xml = gc(
    col('code') + col('name') + col('kurz'),
    row({ code: 'A', name: 'Alpha', kurz: 'a' }) + row({ code: 'B', kurz: 'b' }) + row({ name: 'no code' }),
  );

  test('keeps every column of every row; the label defaults to the first non-key column', () => {
    const list = parseGenericode(xml);
    assert.deepEqual(list.columns, ['code', 'name', 'kurz']);
    assert.equal(list.keyColumn, 'code');
    assert.equal(list.labelColumn, 'name');
    assert.deepEqual(list.rows, [
      ['A', 'Alpha', 'a'],
      ['B', '', 'b'],
      ['', 'no code', ''],
    ]);
    // A row without a label shows its code; a row without a code is no option.
    assert.deepEqual(list.options, [
      { value: 'A', label: { de: 'Alpha' } },
      { value: 'B', label: { de: 'B' } },
    ]);
  });

  test('options from chosen columns; an unknown column is refused naming the columns there are', () => {
    const list = parseGenericode(xml);
    assert.deepEqual(
      codeListOptions(list, 'kurz', 'code').map((o) => [o.value, o.label.de]),
      [
        ['a', 'A'],
        ['b', 'B'],
      ],
    );
    assert.throws(
      () => codeListOptions(list, undefined, 'bezeichnung'),
      /column 'bezeichnung' is not in code list urn:test:liste; its columns are code, name, kurz/,
    );
  });

  test('the key column is the first column when no key is declared', () => {
    const list = parseGenericode(gc(col('x') + col('y'), row({ x: '1', y: 'eins' }), ''));
    assert.equal(list.keyColumn, 'x');
    assert.deepEqual(list.options, [{ value: '1', label: { de: 'eins' } }]);
  });

  test('refuses lists without columns, a key naming no column, malformed XML, DTDs and entities', () => {
    assert.equal(refusal(gc('', '', '')), 'FIM_INVALID_CODELIST');
    assert.equal(
      refusal(gc(col('code'), '', '<Key Id="k"><ColumnRef Ref="nope"/></Key>')),
      'FIM_INVALID_CODELIST',
    );
    assert.equal(refusal(xml.replace('</SimpleCodeList>', '</SimpleCodeLis>')), 'FIM_MALFORMED_XML');
    assert.equal(refusal('<CodeList>'), 'FIM_MALFORMED_XML');
    const xxe = xml.replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE gc:CodeList [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    );
    assert.equal(refusal(xxe.replace('Alpha', '&x;')), 'FIM_DOCTYPE_REFUSED');
    const laughs = xml.replace(
      '<?xml version="1.0"?>',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    );
    assert.equal(refusal(laughs.replace('Alpha', '&b;')), 'FIM_DOCTYPE_REFUSED');
    // An undeclared entity is not expanded either: it is malformed.
    assert.equal(refusal(xml.replace('Alpha', '&x;')), 'FIM_MALFORMED_XML');
  });

  // How fast: `node --import tsx bench/code-lists.ts` (docs/performance.md), not a timed test.
  test('reads the 11,227 municipalities of the AGS list', () => {
    const ags = readFileSync(new URL('xoev-ags-2026-04-30.gc.xml', codelists), 'utf8');
    const list = parseGenericode(ags);
    assert.equal(list.options.length, 11227);
    assert.equal(list.keyColumn, 'SCHLUESSEL');
    assert.equal(list.labelColumn, 'Bezeichnung');
  });
});
