import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeLeikaBytes, LEIKA_COLUMNS, readLeikaFile } from './csv.ts';

const HEADER = LEIKA_COLUMNS.join(';');
const bytes = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 of Latin-1 text: for these characters the byte is the code point. */
const cp1252 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('reading a LeiKa CSV', () => {
  it('reads the official format with quoting, CRLF, a BOM, and German dates', () => {
    const file = `\uFEFF${HEADER}\r\n99107023011000;107;023;011;000;"Wohngeld; Änderung";Zweitname;2/3;"Mietzuschuss, ""Lastenzuschuss""";;1.6.2023\r\n`;
    const read = readLeikaFile(bytes(file));
    assert.ok(read.ok);
    assert.equal(read.encoding, 'utf-8');
    assert.deepEqual(read.entries, [
      {
        key: '99107023011000',
        name: 'Wohngeld; Änderung',
        name2: 'Zweitname',
        type: '2/3',
        synonyms: 'Mietzuschuss, "Lastenzuschuss"',
        published: '2023-06-01',
      },
    ]);
  });

  it('decodes Windows-1252 when the bytes are not UTF-8', () => {
    const read = readLeikaFile(cp1252(`${HEADER}\n99107023011000;;;;;Wohngeld Änderung;;;;;\n`));
    assert.ok(read.ok);
    assert.equal(read.encoding, 'windows-1252');
    assert.equal(read.entries[0]!.name, 'Wohngeld Änderung');
    assert.equal(decodeLeikaBytes(bytes('Ä')).encoding, 'utf-8');
  });

  it('reports malformed keys, missing names and repeated keys with their lines and skips them', () => {
    const file = [
      HEADER,
      '9910702301100;;;;;Zu kurz;;;;;',
      '99107023011000;;;;;Wohngeld;;;;;',
      '99107023011001;;;;;;;;;;',
      '"99107023""011";;;;;Anführung;;;;;',
      '99107023011000;;;;;Noch einmal;;;;;',
      '',
      'abc',
    ].join('\n');
    const read = readLeikaFile(bytes(file));
    assert.ok(read.ok);
    assert.deepEqual(
      read.entries.map((e) => e.key),
      ['99107023011000'],
    );
    assert.deepEqual(read.skipped, [
      { line: 2, reason: 'key-malformed', key: '9910702301100' },
      { line: 4, reason: 'name-missing', key: '99107023011001' },
      { line: 5, reason: 'key-malformed', key: '99107023"011' },
      { line: 6, reason: 'key-duplicate', key: '99107023011000' },
      { line: 8, reason: 'key-malformed', key: 'abc' },
    ]);
  });

  it('refuses another header, a comma-separated official header, and broken quoting', () => {
    for (const file of [
      'Schluessel;Bezeichnung\n1;2\n',
      HEADER.replaceAll(';', ','),
      '',
      '<?xml version="1.0"?>',
    ]) {
      const read = readLeikaFile(bytes(file));
      assert.equal(read.ok, false, file);
      assert.equal(read.ok === false && read.reason, 'header');
    }
    const broken = readLeikaFile(bytes(`${HEADER}\n99107023011000;;;;;"offen;;;;;\n`));
    assert.equal(broken.ok === false && broken.reason, 'csv');
  });

  it('reads the 2019 OZG export as an example format', () => {
    const read = readLeikaFile(
      bytes(
        'leika_key,leika_name,leika_typisierung,ozg_id\nnicht im LeiKa,X,1,1\n99102013000000,Hundesteuer,4,10160\n',
      ),
    );
    assert.ok(read.ok);
    assert.equal(read.format, 'ozg-2019');
    assert.deepEqual(read.entries, [{ key: '99102013000000', name: 'Hundesteuer', type: '4' }]);
    assert.deepEqual(read.skipped, [{ line: 2, reason: 'key-malformed', key: 'nicht im LeiKa' }]);
  });
});
