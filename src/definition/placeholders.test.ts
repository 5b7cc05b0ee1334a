import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unfilledPlaceholders, valueAt, withoutFilledPlaceholders } from './placeholders.ts';
import type { ServiceDefinition } from './types.ts';

const OFFICE = { de: 'Zuständige Stelle (bitte ergänzen)' };

function definition(officeName: { de: string }): ServiceDefinition {
  return {
    formatVersion: 2,
    id: 'x',
    title: { de: 'X' },
    summary: { de: 'X' },
    declaration: { de: 'Ja' },
    steps: [{ id: 'a', title: { de: 'A' }, fields: [{ type: 'text', key: 'k', label: { de: 'K' } }] }],
    placeholders: [{ path: '/local/office/name', value: OFFICE }],
    local: { office: { name: officeName } },
  };
}

describe('placeholders', () => {
  test('block publishing while the value is still in its place, naming the place', () => {
    assert.deepEqual(unfilledPlaceholders(definition(OFFICE)), [
      { path: '/local/office/name', message: 'is still a placeholder: replace it before publishing' },
    ]);
    assert.deepEqual(unfilledPlaceholders(definition({ de: 'Stadt Musterstadt, Steueramt' })), []);
  });

  test('a filled one is dropped from what is published, an open one kept', () => {
    assert.equal('placeholders' in withoutFilledPlaceholders(definition({ de: 'Steueramt' })), false);
    assert.equal(withoutFilledPlaceholders(definition(OFFICE)).placeholders?.length, 1);
  });

  test('pointers follow RFC 6901 and lead nowhere safely', () => {
    const doc = { 'a/b': { '~c': [10, 20] } };
    assert.equal(valueAt(doc, '/a~1b/~0c/1'), 20);
    assert.equal(valueAt(doc, ''), doc);
    assert.equal(valueAt(doc, '/nope/x'), undefined);
    assert.equal(valueAt(doc, '/a~1b/~0c/5'), undefined);
    assert.equal(valueAt({}, '/constructor'), undefined, 'no inherited properties');
  });
});
