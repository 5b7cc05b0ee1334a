import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FimImportError } from './errors.ts';
import { importFim, parseGenericode } from './index.ts';

// shared/ lies beside the repository (locally and in CI).
const codelists = new URL('../../../../shared/data/codelists/', import.meta.url);
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
        (w) => w.element === 'Datenfeld F92000001' && /could not be resolved/.test(w.message),
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
