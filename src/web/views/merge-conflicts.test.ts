import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConflictReason, ConflictSubject, MergeConflict } from '../../definition/merge-conflict.ts';
import { conflictList, describeConflict } from './merge-conflicts.ts';

const field = { uid: 'f-1', key: 'ort', label: { de: 'Ort', en: 'Town' } };
const step = { uid: 's-1', title: { de: 'Halter', en: 'Owner' } };
const hostile = { uid: 'f-2', key: 'x', label: { de: '<script>alert(1)</script>' } };

/** One of every subject, so a new kind without a text fails here (and at compile time). */
const SUBJECTS: ConflictSubject[] = [
  { kind: 'service', property: 'title' },
  { kind: 'service', property: 'somethingNew' },
  { kind: 'steps' },
  { kind: 'step', step },
  { kind: 'step', step, property: 'showIf' },
  { kind: 'field', field },
  { kind: 'field', field: { ...field, group: { uid: 'f-g', label: { de: 'Kinder' } } }, property: 'label' },
  { kind: 'field', field, option: 'ruede' },
  { kind: 'field', field, option: 'ruede', property: 'label' },
  { kind: 'validation', id: 'plzPasst' },
  { kind: 'validation', id: 'plzPasst', step, property: 'rule' },
  { kind: 'computed', key: 'hundeGesamt' },
  { kind: 'computed', key: 'hundeGesamt', property: 'rule' },
];
const REASONS: ConflictReason[] = [
  'both-changed',
  'removed-here',
  'removed-upstream',
  'both-reordered',
  'place-removed',
];

describe('merge conflicts as sentences', () => {
  test('every subject and reason reads as a sentence in German and English, placeholders filled', () => {
    for (const subject of SUBJECTS) {
      for (const reason of REASONS) {
        for (const locale of ['de', 'en'] as const) {
          const text = describeConflict({ id: 'x', reason, subject }, locale).value;
          assert.ok(text.length > 40, text);
          assert.doesNotMatch(text, /\{\w+\}/, `${locale}: ${text}`);
        }
      }
    }
    const check: MergeConflict = {
      id: 'check',
      reason: 'check-failed',
      subject: { kind: 'definition' },
      problems: [{ path: '/steps/0', message: 'x' }],
    };
    assert.match(describeConflict(check, 'de').value, /Prüfung der Definition nicht \(Probleme: 1\)/);
  });

  test('name the element, emphasised, with the property in words and what to do', () => {
    assert.equal(
      describeConflict(
        {
          id: 'field:f-1/label',
          reason: 'both-changed',
          subject: { kind: 'field', field, property: 'label' },
        },
        'de',
      ).value,
      'Beschriftung von Feld <em>Ort</em>: hier und im Original unterschiedlich geändert. Wählen Sie eine der beiden Fassungen oder bearbeiten Sie den Wert.',
    );
    assert.equal(
      describeConflict(
        { id: 'field:f-1', reason: 'removed-upstream', subject: { kind: 'field', field } },
        'en',
      ).value,
      'Field <em>Town</em>: removed in the original, but changed here. Keep your version or remove it here as well.',
    );
    assert.match(
      describeConflict(
        { id: 'x', reason: 'both-changed', subject: { kind: 'service', property: 'somethingNew' } },
        'de',
      ).value,
      /^<code>somethingNew<\/code> der Leistung/,
    );
  });

  test('escape what designers typed', () => {
    const text = describeConflict(
      { id: 'x', reason: 'both-changed', subject: { kind: 'field', field: hostile, option: '<b>' } },
      'de',
    ).value;
    assert.doesNotMatch(text, /<script>|<b>/);
    assert.match(text, /&lt;script&gt;/);
  });

  test('an empty list says there is nothing to decide', () => {
    assert.match(conflictList([], 'de').value, /Keine Konflikte/);
    const two: MergeConflict[] = [
      { id: 'steps/order', reason: 'both-reordered', subject: { kind: 'steps' } },
      { id: 'field:f-1', reason: 'removed-here', subject: { kind: 'field', field } },
    ];
    assert.equal((conflictList(two, 'en').value.match(/<li>/g) ?? []).length, 2);
  });
});
