import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FIELD_TYPES } from '../field-types/table.ts';
import { checkPrefill, PREFILL_SOURCES } from '../prefill.ts';
import type { DefinitionProblem } from '../problems.ts';
import type { Field, ServiceDefinition } from '../types.ts';
import { prefillChoices, readPrefillSetting } from './prefill-setting.ts';
import { applySettings } from './settings.ts';

const base = { 's.key': 'feld', 's.label.de': 'Feld' };

describe('the prefill setting from a form', () => {
  test('an attribute is set, editable unless the box is unticked; empty removes it', () => {
    const field: Field = { type: 'text', key: 'vorname', label: { de: 'Vorname' } };
    const set = applySettings(field, { ...base, 's.prefill.from': 'givenName', 's.prefill.editable': 'ja' });
    assert.ok(set.ok);
    assert.deepEqual((set.field as { prefill?: unknown }).prefill, { from: 'givenName' });
    const locked = applySettings(field, { ...base, 's.prefill.from': 'givenName' });
    assert.ok(locked.ok);
    assert.deepEqual((locked.field as { prefill?: unknown }).prefill, { from: 'givenName', editable: false });
    const cleared = applySettings(locked.field, {
      ...base,
      's.prefill.from': '',
      's.prefill.editable': 'ja',
    });
    assert.ok(cleared.ok);
    assert.equal('prefill' in cleared.field, false);
  });

  test('a form without the control keeps the prefill as it is', () => {
    const field = {
      type: 'date',
      key: 'geb',
      label: { de: 'Geburtsdatum' },
      prefill: { from: 'birthDate', editable: false },
    } as Field;
    const result = applySettings(field, base);
    assert.ok(result.ok);
    assert.deepEqual((result.field as { prefill?: unknown }).prefill, { from: 'birthDate', editable: false });
  });

  test('an attribute the type cannot take, or any in a group item, is an input error', () => {
    const email: Field = { type: 'email', key: 'mail', label: { de: 'E-Mail' } };
    assert.deepEqual(applySettings(email, { ...base, 's.prefill.from': 'birthDate' }), {
      ok: false,
      errors: [{ name: 'prefill', code: 'prefill' }],
    });
    assert.deepEqual(applySettings(email, { ...base, 's.prefill.from': 'nonsense' }), {
      ok: false,
      errors: [{ name: 'prefill', code: 'prefill' }],
    });
    const number: Field = { type: 'number', key: 'n', label: { de: 'N' } };
    assert.equal(readPrefillSetting(number.type, false, 'email', 'ja').kind, 'error');
    assert.deepEqual(applySettings(email, { ...base, 's.prefill.from': 'email' }, { inGroupItem: true }), {
      ok: false,
      errors: [{ name: 'prefill', code: 'prefill-item' }],
    });
  });

  test('every choice offered is one publishing accepts, and nothing else is', () => {
    for (const type of FIELD_TYPES) {
      const offered = new Set(prefillChoices(type, false));
      assert.deepEqual(prefillChoices(type, true), []);
      for (const from of PREFILL_SOURCES) {
        const field = {
          type,
          key: 'f',
          label: { de: 'F' },
          fields: [],
          prefill: { from },
        } as unknown as Field;
        const definition = { steps: [{ fields: [field] }] } as unknown as ServiceDefinition;
        const problems: DefinitionProblem[] = [];
        checkPrefill(definition, problems);
        assert.equal(problems.length === 0, offered.has(from), `${type} from ${from}`);
        assert.equal(readPrefillSetting(type, false, from, 'ja').kind === 'set', offered.has(from));
      }
    }
  });
});
