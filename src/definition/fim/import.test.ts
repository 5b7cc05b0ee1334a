import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDefinition } from '../parse.ts';
import type { Field } from '../types.ts';
import { derivedUid } from '../uid.ts';
import { importFim, parseGenericode } from './index.ts';

const fixtures = new URL('../../../test/fixtures/fim/', import.meta.url);
// Public samples of the xdatenfelder-xml project (EUPL-1.2; see the folder's README).
const samples = new URL('../../../test/fixtures/fim/xdatenfelder-xml/', import.meta.url).pathname;
const codelists = new URL('../../../codelists/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
const geschlecht = parseGenericode(
  readFileSync(new URL('xoev-geschlecht-xinneres-v1.gc.xml', codelists), 'utf8'),
);

function ok(xml: string) {
  const result = importFim(xml, { codeLists: [geschlecht] });
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  // An importer that emits an invalid definition is a bug: check every result independently.
  assert.ok(parseDefinition(JSON.parse(JSON.stringify(result.definition))).ok);
  return result;
}
/** Every field, the items' fields of repeating groups included. */
const fields = (r: ReturnType<typeof ok>): Field[] =>
  r.definition.steps.flatMap((s) =>
    s.fields.flatMap((f): Field[] => (f.type === 'group' ? [f, ...f.fields] : [f])),
  );
const byKey = (r: ReturnType<typeof ok>, key: string) => fields(r).find((f) => f.key === key);
const warned = (r: ReturnType<typeof ok>, element: string, pattern: RegExp) =>
  assert.ok(
    r.warnings.some((w) => w.element === element && pattern.test(w.message.en)),
    `no warning for ${element} matching ${pattern}: ${JSON.stringify(r.warnings)}`,
  );

describe('importFim, XDatenfelder 3.0.0', () => {
  const r = ok(read('v3-rich.xml'));

  test('maps the schema to a definition with steps from top-level groups', () => {
    assert.equal(r.definition.id, 'hund-anmelden');
    assert.equal(r.definition.leikaKey, '99102013002000');
    assert.deepEqual(
      r.definition.steps.map((s) => s.id),
      ['allgemeine-angaben', 'angaben-zur-halterin-oder-zum-halter', 'hund'],
    );
    assert.deepEqual(r.definition.steps[1]?.fim, { id: 'G99000001', version: '1.0.0' });
  });

  test('maps types, limits, cardinality, hints and keeps FIM ids', () => {
    assert.deepEqual(byKey(r, 'familienname'), {
      type: 'text',
      key: 'familienname',
      label: { de: 'Familienname' },
      hint: { de: 'Wie in Ihrem Ausweis.' },
      fim: { id: 'F99000001', version: '1.1.0' },
      required: true,
      minLength: 1,
      maxLength: 120,
      // The stable id every parsed field gets (ADR 0023), derived from the key.
      uid: derivedUid('field', 'familienname'),
    });
    const aktenzeichen = byKey(r, 'aktenzeichen');
    assert.equal(aktenzeichen?.type === 'text' ? aktenzeichen.pattern?.regex : '', '[A-Z]{2}-[0-9]{4}');
    const date = byKey(r, 'geburtsdatum');
    assert.equal(date?.type, 'date');
    assert.equal('required' in (date ?? {}), false);
    assert.deepEqual(
      [(date as { min?: string }).min, (date as { max?: string }).max],
      ['1900-01-01', '2030-12-31'],
    );
    assert.equal(byKey(r, 'gewicht')?.type, 'number');
    assert.equal(byKey(r, 'gefaehrlich')?.type, 'yesno');
    assert.equal(byKey(r, 'eMailAdresse')?.type, 'email');
  });

  test('code lists: genericode reference and inline values become options', () => {
    const g = byKey(r, 'geschlecht');
    assert.ok(g && (g.type === 'select' || g.type === 'radio'));
    assert.ok(g.options.some((o) => o.value === 'm' && o.label.de === 'männlich'));
    const rasse = byKey(r, 'rasse');
    assert.equal(rasse?.type, 'radio');
  });

  test('nesting, repetition, files and unknown elements warn with the element named', () => {
    warned(r, 'Datenfeldgruppe G99000002', /flattened/);
    // anzahl 1:n on a Datenfeldgruppe: a repeating group, bounded with a warning.
    const hund = byKey(r, 'hund');
    assert.ok(hund?.type === 'group');
    assert.deepEqual(
      [
        hund.minItems,
        hund.maxItems,
        hund.itemLabel.de,
        hund.fim?.id,
        hund.fields.map((f) => f.key).slice(0, 2),
      ],
      [1, 10, 'Hund', 'G99000003', ['rasse', 'gewicht']],
    );
    warned(r, 'Datenfeldgruppe G99000003', /anzahl 1:n: imported as a repeating group of at most 10 items/);
    // A file inside a repeating group's item cannot be an upload (ADR 0018): a notice, said so.
    assert.equal(byKey(r, 'impfpass')?.type, 'info');
    warned(r, 'Datenfeld F99000007', /not possible inside a repeating group/);
    // Amounts become currency fields (integer euro-cents), without a warning.
    assert.equal(byKey(r, 'kaufpreis')?.type, 'currency');
    assert.ok(!r.warnings.some((w) => w.element.includes('F99000009')));
    warned(r, 'Datenfeld F99000001', /<unbekannt>/);
    // fields of an optional group are optional
    assert.equal('required' in (byKey(r, 'eMailAdresse') ?? {}), false);
  });

  test('rules become notes with a warning; scripts are kept as text only', () => {
    const note = r.definition.notes?.find((n) => n.source === 'FIM R99000001 1.0.0');
    assert.match(note?.text ?? '', /Wesenstest nachzuweisen/);
    warned(r, 'Regel R99000001', /not enforced/);
  });
});

describe('importFim, files and patterns', () => {
  const r = ok(read('v3-files-and-patterns.xml'));

  test('a file element (Anlage) becomes an upload, with its media type where the platform has it', () => {
    assert.deepEqual(byKey(r, 'lageplan'), {
      type: 'file',
      key: 'lageplan',
      label: { de: 'Lageplan' },
      hint: { de: 'Ein Plan, auf dem die Fläche eingezeichnet ist.' },
      fim: { id: 'F99000101', version: '1.0.0' },
      required: true,
      accept: ['application/pdf'],
      uid: derivedUid('field', 'lageplan'),
    });
    warned(r, 'Datenfeld F99000101', /maxSize "5000" was not taken over/);
    const foto = byKey(r, 'fotoDerFlaeche');
    assert.equal(foto?.type, 'file');
    assert.equal(foto && 'accept' in foto ? foto.accept : undefined, undefined, 'every supported type');
    warned(r, 'Datenfeld F99000102', /mediaType "image\/tiff" cannot be uploaded/);
    assert.ok(
      !r.warnings.some((w) => /send|separately/.test(w.message.en) && w.element.includes('F9900010')),
    );
  });

  test('a pattern says what is expected: an example read off it, else the help text', () => {
    const pattern = (key: string) => {
      const field = byKey(r, key);
      return field?.type === 'text' ? field.pattern : undefined;
    };
    assert.deepEqual(pattern('aktenzeichen')?.message, {
      de: 'Geben Sie „Aktenzeichen“ im richtigen Format an, zum Beispiel AB-1234',
      en: 'Enter “Aktenzeichen” in the right format, like AB-1234',
    });
    assert.deepEqual(pattern('flurstueck')?.message, {
      de: 'Geben Sie „Flurstück“ im richtigen Format an: Gemarkung, Flur und Flurstück, wie im Grundbuchauszug, zum Beispiel 0123-004-00056/0002.',
    });
    // Neither: the general message, and a note asking the designer for an example.
    assert.equal(pattern('kennung')?.message.de, 'Die Eingabe hat nicht das erwartete Format.');
    warned(r, 'Datenfeld F99000105', /neither an example nor a description/);
    assert.ok(!r.warnings.some((w) => w.element === 'Datenfeld F99000103'));
  });

  test('every note is German first, with English', () => {
    assert.ok(r.warnings.length > 0);
    for (const w of r.warnings) {
      assert.ok(
        w.message.de !== '' && w.message.en !== '' && w.message.de !== w.message.en,
        JSON.stringify(w),
      );
    }
    const tiff = r.warnings.find((w) => w.element === 'Datenfeld F99000102');
    assert.match(tiff?.message.de ?? '', /^mediaType „image\/tiff“ kann nicht hochgeladen werden/);
  });
});

describe('importFim, XDatenfelder 2.0', () => {
  test('JSON praezisierung, 0:n, unresolved code list, obj', () => {
    const r = ok(read('v2-rich.xml'));
    const tische = byKey(r, 'anzahlTische');
    assert.deepEqual(
      [tische?.type, (tische as { min?: number }).min, (tische as { max?: number }).max],
      ['number', 1, 40],
    );
    assert.equal(byKey(r, 'beschreibungDerNutzung')?.type, 'textarea');
    assert.equal(byKey(r, 'bundesland')?.type, 'text');
    warned(r, 'Datenfeld F99000021', /repetition/);
    warned(r, 'Datenfeld F99000022', /could not be resolved/);
    warned(r, 'Datenfeld F99000023', /not valid JSON/);
  });

  for (const name of ['v2/simple.xml', 'v2/label.xml', 'v2/select.xml', 'v3/simple.xml']) {
    test(`public sample ${name} imports to a valid definition`, () => {
      ok(readFileSync(`${samples}${name}`, 'utf8'));
    });
  }
});

describe('importFim, awkward German names', () => {
  test('every field and step gets a unique, valid key or id', () => {
    const r = ok(read('awkward-names.xml'));
    assert.equal(r.definition.id, 'antraege-fuer-groesse-strasse');
    assert.deepEqual(
      r.definition.steps.map((s) => s.id),
      ['uebersicht', 'uebersicht-2'],
    );
    const keys = fields(r).map((f) => f.key);
    assert.deepEqual(keys, [
      'strasse',
      'strasse2',
      'strasse3',
      'feld2Wohnsitz',
      'aergerOelUeber18',
      'groesseInCm',
      'aeOeUeAeoeueSs',
      'feld',
      'cafeBesuch',
      'strasse4',
      'strasse5',
    ]);
    for (const key of keys) assert.match(key, /^[a-zA-Z][a-zA-Z0-9_]*$/);
    // the label keeps the original name
    const aerger = fields(r)[4];
    assert.equal(aerger && 'label' in aerger ? aerger.label.de : '', 'Ärger & Öl (über 18?)');
  });
});

describe('importFim refuses bad input with a code', () => {
  const cases: Array<[string, string]> = [
    ['malformed.xml', 'FIM_MALFORMED_XML'],
    ['wrong-namespace.xml', 'FIM_WRONG_NAMESPACE'],
    ['unsupported-version.xml', 'FIM_UNSUPPORTED_VERSION'],
    ['xxe.xml', 'FIM_DOCTYPE_REFUSED'],
    ['billion-laughs.xml', 'FIM_DOCTYPE_REFUSED'],
    ['duplicate-id.xml', 'FIM_DUPLICATE_ID'],
    ['empty.xml', 'FIM_EMPTY_SCHEMA'],
    ['too-deep.xml', 'FIM_TOO_DEEP'],
  ];
  for (const [file, code] of cases) {
    test(`${file} → ${code}`, () => {
      const result = importFim(read(file));
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, code);
        // The reason in German for the designer area, in English for logs and the command line.
        assert.ok(result.error.de !== '' && result.error.de !== result.error.message, result.error.de);
      }
    });
  }
  test('public samples: unknown namespaces and an empty schema', () => {
    for (const name of ['v2/unknown-namespace.xml', 'v3/unknown-namespace.xml']) {
      const result = importFim(readFileSync(`${samples}${name}`, 'utf8'));
      assert.equal(result.ok ? '' : result.error.code, 'FIM_WRONG_NAMESPACE');
    }
    const minimal = importFim(readFileSync(`${samples}v2/minimal.xml`, 'utf8'));
    assert.equal(minimal.ok ? '' : minimal.error.code, 'FIM_EMPTY_SCHEMA');
  });
});
