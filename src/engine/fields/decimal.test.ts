import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { DecimalField } from '../../definition/types.ts';
import { decimalField } from './decimal.ts';

const ctx = { today: '2025-06-01' };
const field: DecimalField = {
  type: 'decimal',
  key: 'flaeche',
  label: { de: 'Wohnfläche in m²', en: 'Living space in m²' },
  hint: { de: 'Zum Beispiel 72,5', en: 'For example 72.5' },
  required: true,
  min: 1,
  max: 10000,
  decimals: 2,
};
const parse = (text: string) => decimalField.parse(field, { flaeche: text });

describe('decimal field', () => {
  it('reads German and plain notation into an exact canonical string', () => {
    assert.deepEqual(parse('1.234,56'), { value: '1234.56', rawKept: { flaeche: '1.234,56' } });
    assert.equal(parse('1234,56').value, '1234.56');
    assert.equal(parse('1234.56').value, '1234.56');
    assert.equal(parse(' 1 234,50 ').value, '1234.5');
    assert.equal(parse('007,10').value, '7.1');
    assert.equal(parse('-0,0').value, '0');
    assert.equal(parse('0,1').value, '0.1');
    assert.equal(parse('').value, undefined);
    assert.deepEqual(parse('zwölf').invalid, {
      de: 'Geben Sie eine Zahl ein, zum Beispiel 12',
      en: 'Enter a number, like 12',
    });
    assert.ok(parse('1,2,3').invalid);
  });

  it('validates required, decimals and limits', () => {
    assert.equal(decimalField.validate(field, '72.5', ctx), null);
    assert.equal(decimalField.validate(field, undefined, ctx)?.de, 'Geben Sie eine Zahl ein');
    assert.deepEqual(decimalField.validate(field, '72.125', ctx), {
      de: 'Die Zahl darf höchstens 2 Nachkommastellen haben',
      en: 'The number must have no more than 2 digits after the decimal point',
    });
    assert.equal(
      decimalField.validate({ ...field, decimals: 0 }, '1.5', ctx)?.de,
      'Geben Sie eine ganze Zahl ein, zum Beispiel 12',
    );
    assert.equal(decimalField.validate(field, '0.5', ctx)?.de, 'Die Zahl muss mindestens 1 sein');
    assert.equal(decimalField.validate(field, '10000.01', ctx)?.en, 'The number must be 10,000 or less');
    // Stored values are checked for their shape too.
    for (const bad of [72.5, '72,5', '072.5', '72.50', '-0'])
      assert.ok(decimalField.validate(field, bad, ctx), String(bad));
  });

  it('formats with grouping per language, exactly', () => {
    assert.equal(decimalField.format(field, '1234567.5', 'de'), '1.234.567,5');
    assert.equal(decimalField.format(field, '-1234.05', 'en'), '-1,234.05');
    assert.equal(decimalField.format(field, '0.1', 'de'), '0,1');
    assert.equal(decimalField.isEmpty(''), true);
    assert.equal(decimalField.isEmpty('0'), false);
  });

  it('has a data schema of the canonical string', () => {
    const schema = decimalField.dataSchema(field);
    const pattern = new RegExp(String(schema?.pattern));
    for (const ok of ['0', '12', '-1234.56', '0.05', '-0.5']) assert.match(ok, pattern);
    for (const bad of ['012', '1.50', '1.', '-0', '-0.0', '0.0', '1,5']) assert.doesNotMatch(bad, pattern);
  });

  it('renders a labelled input with hint, value in the page language, error and aria wiring', () => {
    const html = decimalField.view({
      field,
      value: '72.5',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<label class="kern-label" for="field-flaeche">Wohnfläche in m²<\/label><div class="kern-hint" id="field-flaeche-hint">Zum Beispiel 72,5<\/div>/,
    );
    assert.match(
      html,
      /id="field-flaeche" name="flaeche" type="text" inputmode="decimal" spellcheck="false" value="72,5" aria-describedby="field-flaeche-hint">/,
    );
    const en = decimalField.view({
      field,
      value: '72.5',
      raw: undefined,
      error: undefined,
      locale: 'en',
    }).value;
    assert.match(en, /value="72.5"/);
    assertTypedErrorShown(decimalField, field, 'abc');
  });
});
