import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SelectField } from '../../definition/types.ts';
import { selectField } from './select.ts';

const ctx = { today: '2025-06-01' };
const options = [
  { value: 'moebel', label: { de: 'Möbel', en: 'Furniture' } },
  { value: 'matratzen', label: { de: 'Matratzen', en: 'Mattresses' } },
  { value: 'elektro', label: { de: 'Elektrogeräte', en: 'Electrical appliances' } },
];
const select: SelectField = {
  type: 'select',
  key: 'art',
  label: { de: 'Art', en: 'Kind' },
  required: true,
  options,
};

describe('select field', () => {
  it('parses, validates against the options and formats the label', () => {
    assert.equal(selectField.parse(select, { art: 'moebel' }).value, 'moebel');
    assert.equal(selectField.parse(select, { art: '' }).value, undefined);
    assert.equal(selectField.validate(select, undefined, ctx)?.de, 'Wählen Sie eine Antwort aus');
    assert.equal(selectField.validate(select, 'moebel', ctx), null);
    assert.equal(
      selectField.validate(select, 'hacked', ctx)?.de,
      'Wählen Sie eine der angebotenen Antworten aus',
    );
    assert.equal(selectField.format(select, 'elektro', 'en'), 'Electrical appliances');
    // An option's detail (the Kreis and Land of a municipality) is part of how the answer reads.
    const gemeinde = {
      ...select,
      options: [
        { value: '03257008', label: { de: 'Buchholz' }, detail: { de: 'Schaumburg, Niedersachsen' } },
      ],
    };
    assert.equal(selectField.format(gemeinde, '03257008', 'de'), 'Buchholz (Schaumburg, Niedersachsen)');
  });

  it('renders a select with a placeholder and the chosen option', () => {
    const html = selectField.view({
      field: select,
      value: 'matratzen',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<div class="kern-form-input__select-wrapper"><select class="kern-form-input__select" id="field-art" name="art">/,
    );
    assert.match(html, /<option value="">Bitte auswählen<\/option>/);
    assert.match(html, /<option value="matratzen" selected>Matratzen<\/option>/);
  });
});
