import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { CurrencyField } from '../../definition/types.ts';
import { currencyField, formatCents, parseEuroCents } from './currency.ts';

const ctx = { today: '2025-06-01' };
const field: CurrencyField = {
  type: 'currency',
  key: 'betrag',
  label: { de: 'Monatlicher Betrag', en: 'Monthly amount' },
  hint: { de: 'In Euro, zum Beispiel 563,00', en: 'In euros, like 563.00' },
  required: true,
  max: 1_000_000,
};
const NBSP = '\u00a0';

describe('currency field', () => {
  it('reads amounts as people write them into integer cents', () => {
    assert.deepEqual(currencyField.parse(field, { betrag: '12,50 €' }), {
      value: 1250,
      rawKept: { betrag: '12,50 €' },
    });
    for (const [typed, cents] of [
      ['12,50', 1250],
      ['12,5', 1250],
      ['1.000', 100000],
      ['1.000,99', 100099],
      ['12.50', 1250],
      ['€ 7', 700],
      ['7 EUR', 700],
      ['7 Euro', 700],
      ['0,10', 10],
      ['0,1', 10],
      ['12,500', 1250],
    ] as const) {
      assert.equal(parseEuroCents(typed), cents, typed);
    }
    assert.equal(currencyField.parse(field, { betrag: ' ' }).value, undefined);
  });

  it('says what is wrong with an amount it cannot read', () => {
    assert.deepEqual(currencyField.parse(field, { betrag: 'zehn' }).invalid, {
      de: 'Geben Sie einen Betrag in Euro ein, zum Beispiel 12,50',
      en: 'Enter an amount in euros, like 12.50',
    });
    assert.deepEqual(currencyField.parse(field, { betrag: '12,505' }).invalid, {
      de: 'Geben Sie den Betrag mit höchstens 2 Nachkommastellen (Cent) ein',
      en: 'Enter the amount with no more than 2 digits after the decimal point (cents)',
    });
  });

  it('validates required, whole cents and limits, naming limits in euros', () => {
    assert.equal(currencyField.validate(field, 1250, ctx), null);
    assert.equal(currencyField.validate(field, 0, ctx), null);
    assert.equal(currencyField.validate(field, undefined, ctx)?.en, 'Enter an amount');
    assert.deepEqual(currencyField.validate(field, -1, ctx), {
      de: `Der Betrag muss mindestens 0,00${NBSP}€ sein`,
      en: 'The amount must be €0.00 or more',
    });
    assert.deepEqual(currencyField.validate(field, 1_000_001, ctx), {
      de: `Der Betrag darf höchstens 10.000,00${NBSP}€ sein`,
      en: 'The amount must be €10,000.00 or less',
    });
    assert.equal(currencyField.validate({ ...field, min: -500 }, -500, ctx), null);
    for (const bad of [12.5, '1250', Number.NaN])
      assert.ok(currencyField.validate(field, bad as number, ctx));
  });

  it('formats German and English style', () => {
    assert.equal(currencyField.format(field, 1250, 'de'), `12,50${NBSP}€`);
    assert.equal(currencyField.format(field, 123456, 'de'), `1.234,56${NBSP}€`);
    assert.equal(currencyField.format(field, 1250, 'en'), '€12.50');
    assert.equal(formatCents(5, 'en'), '€0.05');
    assert.equal(currencyField.isEmpty(undefined), true);
    assert.equal(currencyField.isEmpty(0), false);
    assert.deepEqual(currencyField.dataSchema(field), {
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      $comment: 'Euro-Cent',
    });
  });

  it('renders a labelled input with hint, the amount in the page language, error and aria wiring', () => {
    const html = currencyField.view({
      field,
      value: 56300,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<label class="kern-label" for="field-betrag">Monatlicher Betrag<\/label><div class="kern-hint" id="field-betrag-hint">/,
    );
    assert.match(
      html,
      /id="field-betrag" name="betrag" type="text" inputmode="decimal" spellcheck="false" value="563,00" aria-describedby="field-betrag-hint">/,
    );
    const en = currencyField.view({ field, value: 5, raw: undefined, error: undefined, locale: 'en' }).value;
    assert.match(en, /value="0.05"/);
    assertTypedErrorShown(currencyField, field, 'x');
  });
});
