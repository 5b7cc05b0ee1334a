/** FIM `anzahl` on a Datenfeldgruppe (1:n, 0:n, 2:5) becomes a repeating group (ADR 0014). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDefinition } from '../parse.ts';
import type { GroupField } from '../types.ts';
import { importFim } from './import.ts';

const field = (id: string, name: string, anzahl = '1:1') => `
  <xdf:struktur><xdf:anzahl>${anzahl}</xdf:anzahl><xdf:enthaelt><xdf:datenfeld>
    <xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>${name}</xdf:name>
    <xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp>
  </xdf:datenfeld></xdf:enthaelt></xdf:struktur>`;

const group = (id: string, name: string, anzahl: string, body: string) => `
  <xdf:struktur><xdf:anzahl>${anzahl}</xdf:anzahl><xdf:enthaelt><xdf:datenfeldgruppe>
    <xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>${name}</xdf:name>
    ${body}
  </xdf:datenfeldgruppe></xdf:enthaelt></xdf:struktur>`;

const message = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xdf:xdatenfelder.stammdatenschema.0102 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
  <xdf:header><xdf:nachrichtID>t</xdf:nachrichtID><xdf:erstellungszeitpunkt>2025-01-01T00:00:00Z</xdf:erstellungszeitpunkt></xdf:header>
  <xdf:stammdatenschema>
    <xdf:identifikation><xdf:id>S99000009</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>Familie</xdf:name>
    ${body}
  </xdf:stammdatenschema>
</xdf:xdatenfelder.stammdatenschema.0102>`;

function imported(xml: string) {
  const result = importFim(xml, { codeLists: [] });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.ok(parseDefinition(JSON.parse(JSON.stringify(result.definition))).ok, 'a valid definition');
  const groups = result.definition.steps.flatMap((s) =>
    s.fields.filter((f): f is GroupField => f.type === 'group'),
  );
  return { ...result, groups };
}

describe('FIM anzahl on a Datenfeldgruppe', () => {
  test('0:n and 2:5 inside a step become repeating groups with those bounds', () => {
    const r = imported(
      message(
        group(
          'G99000100',
          'Eltern',
          '1:1',
          field('F99000101', 'Familienname') +
            group(
              'G99000101',
              'Kind',
              '0:n',
              field('F99000102', 'Vorname') + field('F99000103', 'Geburtsort', '0:1'),
            ) +
            group('G99000102', 'Zeuge', '2:5', field('F99000104', 'Zeugenname')),
        ),
      ),
    );
    assert.deepEqual(
      r.groups.map((g) => [g.key, g.minItems, g.maxItems, g.itemLabel.de, g.fields.map((f) => f.key)]),
      [
        ['kind', undefined, 10, 'Kind', ['vorname', 'geburtsort']],
        ['zeuge', 2, 5, 'Zeuge', ['zeugenname']],
      ],
    );
    assert.equal(
      (r.groups[0]?.fields[0] as { required?: boolean } | undefined)?.required,
      true,
      'item fields keep their own anzahl',
    );
    assert.equal('required' in (r.groups[0]?.fields[1] ?? {}), false);
    assert.ok(
      r.warnings.some(
        (w) => w.element === 'Datenfeldgruppe G99000101' && /at most 10 items/.test(w.message.en),
      ),
    );
    assert.ok(
      !r.warnings.some((w) => w.element === 'Datenfeldgruppe G99000102'),
      'a bounded anzahl needs no warning',
    );
  });

  test('a repeated top-level group is a step with one repeating group; repetition inside an item is imported once', () => {
    const r = imported(
      message(
        group(
          'G99000200',
          'Fahrzeug',
          '1:3',
          field('F99000201', 'Kennzeichen') +
            group('G99000201', 'Fahrer', '1:n', field('F99000202', 'Fahrername')),
        ),
      ),
    );
    assert.equal(r.definition.steps.length, 1);
    assert.deepEqual(
      r.groups.map((g) => [g.key, g.minItems, g.maxItems, g.fields.map((f) => `${f.type}:${f.key}`)]),
      [['fahrzeug', 1, 3, ['text:kennzeichen', 'info:fahrerUeberschrift', 'text:fahrername']]],
    );
    assert.ok(
      r.warnings.some(
        (w) =>
          w.element === 'Datenfeldgruppe G99000201' &&
          /not supported inside an item of a repeating group/.test(w.message.en),
      ),
    );
  });
});
