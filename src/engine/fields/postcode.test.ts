import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { PostcodeField } from '../../definition/types.ts';
import { postcodeField } from './postcode.ts';

const ctx = { today: '2025-06-01' };
const field: PostcodeField = {
  type: 'postcode',
  key: 'plz',
  label: { de: 'Postleitzahl', en: 'Postcode' },
  hint: { de: 'Fünf Ziffern', en: 'Five digits' },
  required: true,
};
const invalid = {
  de: 'Geben Sie eine Postleitzahl mit 5 Ziffern ein, zum Beispiel 12345',
  en: 'Enter a postcode with 5 digits, like 12345',
};

describe('postcode field', () => {
  it('keeps five digits as a string, leading zero included', () => {
    assert.deepEqual(postcodeField.parse(field, { plz: ' 01067 ' }), {
      value: '01067',
      rawKept: { plz: ' 01067 ' },
    });
    assert.equal(postcodeField.parse(field, { plz: '38 300' }).value, '38300');
    assert.equal(postcodeField.parse(field, { plz: '' }).value, undefined);
  });

  it('accepts German postcodes and refuses anything else', () => {
    for (const ok of ['01067', '38300', '99998'])
      assert.equal(postcodeField.validate(field, ok, ctx), null, ok);
    for (const bad of ['00123', '1234', '123456', '1234a', 12345])
      assert.deepEqual(postcodeField.validate(field, bad, ctx), invalid, String(bad));
    assert.equal(postcodeField.validate(field, undefined, ctx)?.de, 'Geben Sie eine Postleitzahl ein');
  });

  it('formats as is', () => {
    assert.equal(postcodeField.format(field, '01067', 'en'), '01067');
    assert.equal(postcodeField.isEmpty(undefined), true);
    assert.deepEqual(postcodeField.dataSchema(field), { type: 'string', pattern: '^(?!00)[0-9]{5}$' });
  });

  it('renders a labelled input with autocomplete, hint, error and aria wiring', () => {
    const html = postcodeField.view({
      field,
      value: '01067',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<label class="kern-label" for="field-plz">Postleitzahl<\/label><div class="kern-hint" id="field-plz-hint">Fünf Ziffern<\/div>/,
    );
    assert.match(
      html,
      /id="field-plz" name="plz" type="text" inputmode="numeric" autocomplete="postal-code" spellcheck="false" value="01067" aria-describedby="field-plz-hint">/,
    );
    const bad = assertTypedErrorShown(postcodeField, field, '123', { message: invalid, locale: 'en' });
    assert.match(bad, /Error: <\/span>Enter a postcode with 5 digits/);
  });
});
