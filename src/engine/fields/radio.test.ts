import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RadioField } from '../../definition/types.ts';
import { radioField } from './radio.ts';

const ctx = { today: '2025-06-01' };
const options = [
  { value: 'moebel', label: { de: 'Möbel', en: 'Furniture' } },
  { value: 'matratzen', label: { de: 'Matratzen', en: 'Mattresses' } },
  { value: 'elektro', label: { de: 'Elektrogeräte', en: 'Electrical appliances' } },
];
const radio: RadioField = {
  type: 'radio',
  key: 'art',
  label: { de: 'Art', en: 'Kind' },
  required: true,
  options,
};

describe('radio field', () => {
  it('parses, validates and formats like select', () => {
    assert.equal(radioField.parse(radio, { art: 'elektro' }).value, 'elektro');
    assert.equal(radioField.validate(radio, undefined, ctx)?.en, 'Select an answer');
    assert.equal(radioField.format(radio, 'moebel', 'de'), 'Möbel');
  });

  it('renders a fieldset of radios; the first radio has id field-<key>', () => {
    const error = { key: 'art', inputId: 'field-art', message: { de: 'Wählen Sie „Art“ aus' } };
    const html = radioField.view({
      field: radio,
      value: undefined,
      raw: { art: 'matratzen' },
      error,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /^<fieldset class="kern-fieldset kern-fieldset--error" aria-describedby="field-art-error"><legend class="kern-label">Art<\/legend>/,
    );
    assert.match(
      html,
      /<input class="kern-form-check__radio kern-form-check__radio--error" id="field-art" name="art" type="radio" value="moebel" aria-invalid="true"><label class="kern-label" for="field-art">Möbel<\/label>/,
    );
    assert.match(html, /id="field-art-2" name="art" type="radio" value="matratzen" checked/);
  });
});
