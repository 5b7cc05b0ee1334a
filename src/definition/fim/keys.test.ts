import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { keyFromName, slugFromName, UniqueNames } from './keys.ts';

/** The format's rules for field keys and step ids (schemas/service-definition.json). */
const KEY = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

describe('keyFromName', () => {
  const cases: Array<[string, string]> = [
    ['Anschrift Inland Straße', 'anschriftInlandStrasse'],
    ['Straße', 'strasse'],
    ['Größe in cm', 'groesseInCm'],
    ['Ärger & Öl (über 18?)', 'aergerOelUeber18'],
    ['ÄÖÜ äöü ß', 'aeOeUeAeoeueSs'],
    ['E-Mail-Adresse', 'eMailAdresse'],
    ['Café-Besuch', 'cafeBesuch'],
    ['Natürliche Person (abstrakt)', 'natuerlichePersonAbstrakt'],
    // keys must start with a letter: a leading digit gets the fallback in front
    ['2. Wohnsitz', 'feld2Wohnsitz'],
    ['1', 'feld1'],
    // nothing usable at all: the fallback
    ['!!!', 'feld'],
    ['', 'feld'],
    ['Личность', 'feld'],
  ];
  for (const [name, key] of cases) {
    test(`"${name}" → ${key}`, () => assert.equal(keyFromName(name, 'feld'), key));
  }

  test('is cut to 56 characters, leaving room for a uniqueness suffix under the 64 limit', () => {
    const key = keyFromName('Angabe '.repeat(20), 'feld');
    assert.equal(key.length, 56);
    assert.match(key, KEY);
  });

  test('any name gives a valid key (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (name) => {
        const key = keyFromName(name, 'feld');
        assert.match(key, KEY);
        assert.ok(key.length <= 56);
      }),
    );
  });
});

describe('slugFromName', () => {
  test('transliterates, lower-cases and joins with hyphens', () => {
    assert.equal(
      slugFromName('Angaben zur Halterin oder zum Halter', 's'),
      'angaben-zur-halterin-oder-zum-halter',
    );
    assert.equal(slugFromName('Übersicht', 's'), 'uebersicht');
    assert.equal(slugFromName('Anträge für Größe & Straße', 's'), 'antraege-fuer-groesse-strasse');
    assert.equal(slugFromName('2. Wohnsitz', 's'), '2-wohnsitz');
    assert.equal(slugFromName('???', 'schritt'), 'schritt');
  });

  test('any name gives a valid slug of at most 72 characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (name) => {
        const slug = slugFromName(name, 'schritt');
        assert.match(slug, SLUG);
        assert.ok(slug.length <= 72);
        assert.ok(!slug.endsWith('-'));
      }),
    );
  });
});

describe('UniqueNames', () => {
  test('the first name stays, repeats are numbered from 2', () => {
    const keys = new UniqueNames('');
    assert.deepEqual(
      ['strasse', 'strasse', 'strasse2', 'strasse'].map((k) => keys.take(k)),
      ['strasse', 'strasse2', 'strasse22', 'strasse3'],
    );
    const ids = new UniqueNames('-');
    assert.deepEqual(
      ['uebersicht', 'uebersicht', 'uebersicht'].map((k) => ids.take(k)),
      ['uebersicht', 'uebersicht-2', 'uebersicht-3'],
    );
  });

  test('keys derived from colliding German names are unique and valid (property)', () => {
    const names = fc.constantFrom(
      'Straße',
      'Strasse',
      'STRASSE',
      'straße',
      'Straße 2',
      'Straße2',
      '2 Straße',
      '',
    );
    fc.assert(
      fc.property(fc.array(names, { maxLength: 40 }), (list) => {
        const unique = new UniqueNames('');
        const keys = list.map((n) => unique.take(keyFromName(n, 'feld')));
        assert.equal(new Set(keys).size, keys.length);
        for (const key of keys) assert.match(key, KEY);
      }),
    );
  });
});
