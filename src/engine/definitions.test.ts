/**
 * Every demo definition in definitions/ parses, compiles, and together they exercise every field
 * type and a step-level condition (so the demo is a real end-to-end fixture for the web layer).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoDefinitionFiles } from '../../test/support/demo-definitions.ts';
import { FIELD_TYPES } from '../definition/field-types/table.ts';
import { parseDefinition } from '../definition/parse.ts';
import type { ServiceDefinition } from '../definition/types.ts';
import { compile } from './compile.ts';

// As publishing resolves them: code list references become a snapshot of options.
const files = await demoDefinitionFiles();

/**
 * Demos that name no LeiKa key on purpose: a Widerspruch against a decision is a procedural step
 * against any of the office's decisions, not one service of the federal catalogue, so no key is
 * given rather than a made-up one.
 */
const WITHOUT_LEIKA = new Set(['musterstadt/widerspruch.json']);

describe('demo definitions', () => {
  const parsed: ServiceDefinition[] = [];

  it('exist', () => {
    assert.ok(files.length >= 4);
  });

  for (const { file, json } of files) {
    it(`${file} parses and compiles`, () => {
      const result = parseDefinition(json);
      assert.ok(result.ok, `${file}: ${JSON.stringify(!result.ok && result.problems, null, 2)}`);
      assert.equal(`${result.definition.id}.json`, file.split('/')[1], 'file name matches the id');
      if (WITHOUT_LEIKA.has(file)) assert.equal(result.definition.leikaKey, undefined);
      else assert.match(result.definition.leikaKey ?? '', /^\d{14}$/);
      for (const step of result.definition.steps) {
        assert.ok(step.title.en, `${file} ${step.id} has an English title`);
      }
      const model = compile(result.definition);
      assert.ok(model.applicableSteps({}).length > 0);
      parsed.push(result.definition);
    });
  }

  it('together use every field type and a step-level condition', () => {
    // The questions of a repeating group's items count too (the vehicles' number plates).
    const used = new Set(
      parsed.flatMap((d) =>
        d.steps.flatMap((s) =>
          s.fields.flatMap((f) => [f.type, ...(f.type === 'group' ? f.fields.map((i) => i.type) : [])]),
        ),
      ),
    );
    assert.deepEqual(
      [...FIELD_TYPES].filter((t) => !used.has(t)),
      [],
    );
    assert.ok(parsed.some((d) => d.steps.some((s) => s.showIf !== undefined)));
  });

  const demo = (id: string) => {
    const definition = parsed.find((d) => d.id === id);
    assert.ok(definition, id);
    return compile(definition);
  };
  const ctx = { today: '2025-06-01' };

  it('an event ends after it begins, or by 6:00 after midnight', () => {
    const model = demo('veranstaltung-anzeigen');
    const post = (beginn: string, ende: string) =>
      model.submitStep(
        'veranstaltung',
        {
          titel: 'Dorffest',
          art: 'strassenfest',
          beschreibung: 'Musik',
          'datum-day': '14',
          'datum-month': '6',
          'datum-year': '2025',
          beginn,
          ende,
          ort: 'Dorfplatz',
          besucher: '200',
          oeffentlicherRaum: 'yes',
        },
        {},
        ctx,
      ).errors;
    for (const [beginn, ende] of [
      ['14:00', '22:00'],
      ['20:00', '2:00'],
      ['18:00', '6:00'],
    ] as const)
      assert.deepEqual(post(beginn, ende), [], `${beginn}–${ende}`);
    for (const [beginn, ende] of [
      ['22:00', '14:00'],
      ['14:00', '14:00'],
      ['10:00', '9:00'],
      ['20:00', '7:00'],
    ] as const) {
      const errors = post(beginn, ende);
      assert.deepEqual(
        errors.map((e) => [e.inputId, e.message.de]),
        [
          [
            'field-ende',
            'Das Ende muss nach dem Beginn liegen. Geht die Veranstaltung über Mitternacht, geben Sie ein Ende bis 6:00 Uhr an',
          ],
        ],
        `${beginn}–${ende}`,
      );
    }
  });

  it('no house number 0 in the demos that ask for street and number separately', () => {
    for (const [id, step] of [
      ['hund-anmelden', 'halter'],
      ['bewohnerparkausweis', 'wohnung'],
    ] as const) {
      const errorsFor = (hausnummer: string) =>
        demo(id)
          .submitStep(step, { hausnummer }, {}, ctx)
          .errors.filter((e) => e.key === 'hausnummer')
          .map((e) => e.message.de);
      assert.deepEqual(errorsFor('0'), ['Geben Sie eine Hausnummer ab 1 an, zum Beispiel 12 oder 12a'], id);
      assert.deepEqual(errorsFor('012'), ['Geben Sie eine Hausnummer ab 1 an, zum Beispiel 12 oder 12a'], id);
      assert.deepEqual(errorsFor('12a'), [], id);
      assert.deepEqual(errorsFor('10-12'), [], id);
    }
  });
});
