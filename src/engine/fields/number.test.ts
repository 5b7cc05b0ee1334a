import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NumberField } from '../../definition/types.ts';
import { numberField, parseGermanNumber } from './number.ts';

const ctx = { today: '2025-06-01' };
const field: NumberField = {
  type: 'number',
  key: 'anzahl',
  label: { de: 'Anzahl', en: 'Number of visitors' },
  required: true,
  min: 1,
  max: 10000,
};
const decimal: NumberField = { type: 'number', key: 'menge', label: { de: 'Menge' }, integer: false };

describe('number field', () => {
  it('understands German and plain notation', () => {
    assert.equal(parseGermanNumber('1.234,5'), 1234.5);
    assert.equal(parseGermanNumber('1.500'), 1500);
    assert.equal(parseGermanNumber('1,5'), 1.5);
    assert.equal(parseGermanNumber('1.5'), 1.5);
    assert.equal(parseGermanNumber('1 000'), 1000);
    assert.equal(parseGermanNumber('-3'), -3);
    assert.equal(parseGermanNumber('12a'), undefined);
    assert.equal(parseGermanNumber('1,2,3'), undefined);
    assert.equal(parseGermanNumber('Infinity'), undefined);
  });

  it('parses to a number, or reports input that is not a number', () => {
    assert.deepEqual(numberField.parse(field, { anzahl: ' 250 ' }), {
      value: 250,
      rawKept: { anzahl: ' 250 ' },
    });
    assert.equal(numberField.parse(field, { anzahl: '' }).value, undefined);
    const bad = numberField.parse(field, { anzahl: 'viele' });
    assert.equal(bad.value, undefined);
    assert.deepEqual(bad.invalid, {
      de: 'Geben Sie eine Zahl ein, zum Beispiel 12',
      en: 'Enter a number, like 12',
    });
  });

  it('validates whole numbers and limits', () => {
    assert.equal(numberField.validate(field, 5, ctx), null);
    assert.equal(numberField.validate(field, undefined, ctx)?.de, 'Geben Sie eine Zahl ein');
    assert.equal(numberField.validate(field, 2.5, ctx)?.de, 'Geben Sie eine ganze Zahl ein, zum Beispiel 12');
    assert.equal(numberField.validate(field, 0, ctx)?.de, 'Die Zahl muss mindestens 1 sein');
    assert.deepEqual(numberField.validate(field, 20000, ctx), {
      de: 'Die Zahl darf höchstens 10.000 sein',
      en: 'The number must be 10,000 or less',
    });
    assert.equal(numberField.validate(decimal, 2.5, ctx), null);
    assert.equal(
      numberField.validate(decimal, '2' as never, ctx)?.de,
      'Geben Sie eine Zahl ein, zum Beispiel 12',
    );
  });

  it('formats for the locale', () => {
    assert.equal(numberField.format(field, 1234.5, 'de'), '1.234,5');
    assert.equal(numberField.format(field, 1234.5, 'en'), '1,234.5');
  });

  it('renders a text input with a numeric keyboard, showing stored values in the page language', () => {
    const html = numberField.view({
      field: decimal,
      value: 1.5,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /type="text" inputmode="decimal" spellcheck="false" value="1,5"/);
    assert.match(html, /Menge <span class="kern-label__optional">/);
    const typed = numberField.view({
      field,
      value: undefined,
      raw: { anzahl: 'viele' },
      error: undefined,
      locale: 'de',
    });
    assert.match(typed.value, /inputmode="numeric" spellcheck="false" value="viele"/);
  });
});
