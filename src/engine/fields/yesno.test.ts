import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { YesNoField } from '../../definition/types.ts';
import { yesnoField } from './yesno.ts';

const ctx = { today: '2025-06-01' };
const yesno: YesNoField = {
  type: 'yesno',
  key: 'listenhund',
  label: { de: 'Listenhund', en: 'Listed breed' },
  required: true,
};

describe('yesno field', () => {
  it('parses yes/no into a boolean and refuses anything else', () => {
    assert.equal(yesnoField.parse(yesno, { listenhund: 'yes' }).value, true);
    assert.equal(yesnoField.parse(yesno, { listenhund: 'no' }).value, false);
    assert.equal(yesnoField.parse(yesno, {}).value, undefined);
    assert.ok(yesnoField.parse(yesno, { listenhund: 'true' }).invalid);
  });

  it('validates and formats Ja/Nein, Yes/No', () => {
    assert.equal(yesnoField.validate(yesno, undefined, ctx)?.de, 'Wählen Sie „Ja“ oder „Nein“ aus');
    assert.equal(yesnoField.validate(yesno, false, ctx), null);
    assert.equal(yesnoField.format(yesno, true, 'de'), 'Ja');
    assert.equal(yesnoField.format(yesno, false, 'en'), 'No');
  });

  it('renders two inline radios', () => {
    const html = yesnoField.view({
      field: yesno,
      value: false,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /kern-fieldset__body--horizontal/);
    assert.match(
      html,
      /id="field-listenhund" name="listenhund" type="radio" value="yes"><label class="kern-label" for="field-listenhund">Ja/,
    );
    assert.match(
      html,
      /id="field-listenhund-2" name="listenhund" type="radio" value="no" checked><label class="kern-label" for="field-listenhund-2">Nein/,
    );
  });
});
