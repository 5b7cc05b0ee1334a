import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { TaxIdField } from '../../definition/types.ts';
import { hasValidRepetition, mod11_10CheckDigit, taxIdField, taxIdProblem } from './tax-id.ts';

const ctx = { today: '2025-06-01' };
const field: TaxIdField = {
  type: 'taxId',
  key: 'steuerId',
  label: { de: 'Steuer-Identifikationsnummer', en: 'Tax identification number' },
  hint: { de: '11 Ziffern', en: '11 digits' },
  required: true,
};

/** First ten digits plus the computed check digit. */
const withCheck = (first10: string) => first10 + String(mod11_10CheckDigit(first10));

describe('taxId field', () => {
  it('computes the ISO 7064 MOD 11,10 check digit', () => {
    // Example of the published algorithm: 1234567899 has check digit 5.
    assert.equal(mod11_10CheckDigit('1234567899'), 5);
    assert.equal(withCheck('1234567899'), '12345678995');
  });

  it('parses with spaces, slashes or dots, stored as 11 digits', () => {
    assert.deepEqual(taxIdField.parse(field, { steuerId: ' 12 345 678 995 ' }), {
      value: '12345678995',
      rawKept: { steuerId: ' 12 345 678 995 ' },
    });
    assert.equal(taxIdField.parse(field, { steuerId: '' }).value, undefined);
  });

  it('accepts numbers with one digit twice or three times (not three in a row)', () => {
    for (const first10 of ['1234567899', '9123456781', '1121345678', '1213145678'])
      assert.equal(taxIdField.validate(field, withCheck(first10), ctx), null, first10);
  });

  it('refuses a wrong format, check digit or digit repetition with a specific message', () => {
    assert.deepEqual(taxIdField.validate(field, undefined, ctx), {
      de: 'Geben Sie eine Steuer-Identifikationsnummer ein',
      en: 'Enter a tax identification number',
    });
    const format = {
      de: 'Geben Sie die 11 Ziffern der Steuer-Identifikationsnummer ein. Sie beginnt nicht mit 0 und steht zum Beispiel auf dem Einkommensteuerbescheid',
      en: 'Enter the 11 digits of the tax identification number. It does not start with 0 and is shown on the income tax assessment, for example',
    };
    assert.deepEqual(taxIdField.validate(field, '1234567899', ctx), format);
    assert.deepEqual(taxIdField.validate(field, withCheck('0234567899'), ctx), format);
    assert.deepEqual(taxIdField.validate(field, '1234567899x', ctx), format);
    const invalid = {
      de: 'Diese Steuer-Identifikationsnummer gibt es nicht. Vergleichen Sie sie Ziffer für Ziffer mit dem Einkommensteuerbescheid',
      en: 'This tax identification number does not exist. Compare it digit by digit with the income tax assessment',
    };
    assert.deepEqual(taxIdField.validate(field, '12345678994', ctx), invalid);
    // All ten digits different, two digits repeated, one digit four times, three in a row.
    for (const first10 of ['1234567890', '1123456677', '1211314567', '2345111678']) {
      assert.equal(hasValidRepetition(first10), false, first10);
      assert.equal(taxIdProblem(withCheck(first10)), 'invalid', first10);
    }
    assert.equal(hasValidRepetition('1213145678'), true);
  });

  it('formats as on the letters of the Bundeszentralamt für Steuern', () => {
    assert.equal(taxIdField.format(field, '12345678995', 'de'), '12 345 678 995');
    assert.equal(taxIdField.isEmpty(undefined), true);
    assert.deepEqual(taxIdField.dataSchema(field), { type: 'string', pattern: '^[1-9][0-9]{10}$' });
  });

  it('renders a labelled numeric input with hint, error and aria wiring', () => {
    const html = taxIdField.view({
      field,
      value: '12345678995',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<label class="kern-label" for="field-steuerId">Steuer-Identifikationsnummer<\/label><div class="kern-hint" id="field-steuerId-hint">11 Ziffern<\/div>/,
    );
    assert.match(
      html,
      /id="field-steuerId" name="steuerId" type="text" inputmode="numeric" spellcheck="false" value="12 345 678 995" aria-describedby="field-steuerId-hint">/,
    );
    const bad = assertTypedErrorShown(taxIdField, field, '123');
    assert.match(bad, /id="field-steuerId-error">.*Fehler: <\/span>Falsch/);
  });

  it('property: generated valid numbers pass, and changing any one digit fails', () => {
    // A permutation of 0-9 with one digit copied over one or two others: one digit twice or three
    // times, one or two missing.
    const first10 = fc
      .tuple(
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 10, maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 2, maxLength: 3 }),
      )
      .map(([digits, [from, ...to]]) => {
        const out = [...digits];
        for (const i of to) out[i] = digits[from as number] as number;
        return out.join('');
      })
      .filter((d) => d[0] !== '0' && !/(\d)\1\1/.test(d));
    fc.assert(
      fc.property(
        first10,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, at, delta) => {
          const id = withCheck(digits);
          assert.equal(taxIdProblem(id), null, id);
          const mutated = id.slice(0, at) + String((Number(id[at]) + delta) % 10) + id.slice(at + 1);
          assert.notEqual(taxIdProblem(mutated), null, `${id} -> ${mutated}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
