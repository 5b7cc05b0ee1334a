import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckboxField } from '../../definition/types.ts';
import { checkboxField } from './checkbox.ts';

const ctx = { today: '2025-06-01' };
const options = [
  { value: 'moebel', label: { de: 'Möbel', en: 'Furniture' } },
  { value: 'matratzen', label: { de: 'Matratzen', en: 'Mattresses' } },
  { value: 'elektro', label: { de: 'Elektrogeräte', en: 'Electrical appliances' } },
];
const checkbox: CheckboxField = {
  type: 'checkbox',
  key: 'teile',
  label: { de: 'Gegenstände', en: 'Items' },
  hint: { de: 'Alles auswählen, was zutrifft' },
  required: true,
  options,
  maxSelected: 2,
};

describe('checkbox field', () => {
  it('parses repeated names into a list; nothing checked is no answer', () => {
    assert.deepEqual(checkboxField.parse(checkbox, { teile: ['moebel', 'elektro', 'moebel'] }).value, [
      'moebel',
      'elektro',
    ]);
    assert.deepEqual(checkboxField.parse(checkbox, { teile: 'moebel' }).value, ['moebel']);
    assert.equal(checkboxField.parse(checkbox, {}).value, undefined);
  });

  it('validates required, known options and limits', () => {
    assert.equal(
      checkboxField.validate(checkbox, undefined, ctx)?.de,
      'Wählen Sie mindestens eine Antwort aus',
    );
    assert.equal(checkboxField.validate(checkbox, ['moebel'], ctx), null);
    assert.ok(checkboxField.validate(checkbox, ['moebel', 'x'], ctx));
    assert.equal(
      checkboxField.validate(checkbox, ['moebel', 'matratzen', 'elektro'], ctx)?.en,
      'Select no more than 2 answers',
    );
    assert.ok(checkboxField.validate(checkbox, 'moebel', ctx));
  });

  it('formats labels in option order', () => {
    assert.equal(checkboxField.format(checkbox, ['elektro', 'moebel'], 'de'), 'Möbel, Elektrogeräte');
    assert.equal(checkboxField.isEmpty([]), true);
  });

  it('renders a fieldset of checkboxes with hint, checked from the stored answer', () => {
    const html = checkboxField.view({
      field: checkbox,
      value: ['elektro'],
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /aria-describedby="field-teile-hint"/);
    assert.match(html, /id="field-teile" name="teile" type="checkbox" value="moebel">/);
    assert.match(html, /id="field-teile-3" name="teile" type="checkbox" value="elektro" checked>/);
  });
});
