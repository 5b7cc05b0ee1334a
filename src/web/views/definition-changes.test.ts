import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DefinitionChange } from '../../definition/diff.ts';
import { changeList, describeChange } from './definition-changes.ts';

const field = { uid: 'f-1', key: 'geburtsdatum', label: { de: 'Geburtsdatum', en: 'Date of birth' } };
const step = { uid: 's-1', title: { de: 'Halter', en: 'Owner' } };
const hostile = { uid: 'f-2', key: 'x', label: { de: '<script>alert(1)</script>' } };

/** One of every kind and aspect, so a new one without a text fails here (and at compile time). */
const EVERY: DefinitionChange[] = [
  ...(
    [
      'id',
      'title',
      'summary',
      'leikaKey',
      'startPage',
      'declaration',
      'notes',
      'office',
      'cost',
      'nextSteps',
    ] as const
  ).map((aspect) => ({ kind: 'service-changed', aspect }) as const),
  { kind: 'step-added', step, position: 0 },
  { kind: 'step-removed', step },
  ...(['title', 'description', 'condition', 'url', 'validations'] as const).map(
    (aspect) => ({ kind: 'step-changed', step, aspect }) as const,
  ),
  { kind: 'steps-reordered' },
  { kind: 'field-added', field, step },
  { kind: 'field-removed', field: { ...field, group: { uid: 'f-g', label: { de: 'Kinder' } } }, step },
  { kind: 'field-moved', field, from: step, to: { uid: 's-2', title: { de: 'Hund' } } },
  { kind: 'field-changed', field, aspect: 'key', from: 'geburtsdatum', to: 'geburtstag' },
  { kind: 'field-changed', field, aspect: 'label', from: { de: 'A' }, to: { de: 'B' } },
  { kind: 'field-changed', field, aspect: 'type', from: 'text', to: 'textarea' },
  { kind: 'field-changed', field, aspect: 'required', from: false, to: true },
  { kind: 'field-changed', field, aspect: 'required', from: true, to: false },
  ...(['hint', 'condition', 'requiredCondition', 'text'] as const).map(
    (aspect) => ({ kind: 'field-changed', field, aspect }) as const,
  ),
  { kind: 'field-changed', field, aspect: 'options', added: ['a'], removed: ['b', 'c'], relabelled: [] },
  { kind: 'field-changed', field, aspect: 'settings', properties: ['maxLength', 'minLength'] },
  { kind: 'fields-reordered', step },
  { kind: 'validation-added', id: 'v' },
  { kind: 'validation-removed', id: 'v' },
  { kind: 'validation-changed', id: 'v' },
  { kind: 'computed-added', key: 'k' },
  { kind: 'computed-removed', key: 'k' },
  { kind: 'computed-changed', key: 'k' },
  { kind: 'fee-added' },
  { kind: 'fee-removed' },
  { kind: 'fee-changed', aspect: 'rule' },
  { kind: 'fee-changed', aspect: 'label' },
];

describe('changes as sentences', () => {
  test('every kind reads as a sentence in German and English, placeholders filled', () => {
    for (const change of EVERY) {
      for (const locale of ['de', 'en'] as const) {
        const text = describeChange(change, locale).value;
        assert.ok(text.length > 5, JSON.stringify(change));
        assert.doesNotMatch(text, /\{\w+\}/, `${locale}: ${text}`);
      }
    }
  });

  test('name the elements, emphasised, in the reader’s language', () => {
    assert.equal(
      describeChange({ kind: 'field-added', field, step }, 'de').value,
      'Feld <em>Geburtsdatum</em> in Schritt <em>Halter</em> hinzugefügt',
    );
    assert.equal(
      describeChange({ kind: 'field-moved', field, from: step, to: step }, 'en').value,
      'Field <em>Date of birth</em> moved from step <em>Owner</em> to step <em>Owner</em>',
    );
    assert.match(
      describeChange({ kind: 'field-changed', field, aspect: 'options', added: ['a'], removed: ['b'] }, 'de')
        .value,
      /hinzugefügt: <code>a<\/code>; entfernt: <code>b<\/code>/,
    );
  });

  test('escape what designers typed', () => {
    const text = describeChange({ kind: 'field-added', field: hostile, step }, 'de').value;
    assert.doesNotMatch(text, /<script>/);
    assert.match(text, /&lt;script&gt;/);
  });

  test('an empty list says there is nothing to publish that differs', () => {
    assert.match(changeList([], 'de').value, /Keine Änderungen/);
    assert.equal((changeList(EVERY, 'de').value.match(/<li>/g) ?? []).length, EVERY.length);
  });
});
