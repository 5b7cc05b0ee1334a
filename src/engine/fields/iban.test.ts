import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertTypedErrorShown } from '../../../test/support/field-views.ts';
import type { BicField, IbanField } from '../../definition/types.ts';
import { bicField } from './bic.ts';
import { formatIban, IBAN_LENGTHS, ibanField, ibanProblem, ibanRemainder } from './iban.ts';

const ctx = { today: '2025-06-01' };
const field: IbanField = {
  type: 'iban',
  key: 'iban',
  label: { de: 'IBAN' },
  hint: { de: '22 Zeichen, beginnt mit DE', en: '22 characters, starts with DE' },
  required: true,
};
const error = { key: 'iban', inputId: 'field-iban', message: { de: 'Falsch', en: 'Wrong' } };

/** A valid IBAN for a country and BBAN, with check digits computed as ISO 13616 says. */
function withCheckDigits(country: string, bban: string): string {
  const check = 98 - ibanRemainder(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

describe('iban field', () => {
  it('normalises spaces and case, stores without spaces', () => {
    assert.deepEqual(ibanField.parse(field, { iban: ' de02 1203 0000 0000 2020 51 ' }), {
      value: 'DE02120300000000202051',
      rawKept: { iban: ' de02 1203 0000 0000 2020 51 ' },
    });
    assert.equal(ibanField.parse(field, { iban: '  ' }).value, undefined);
    assert.equal(ibanField.parse(field, {}).value, undefined);
  });

  it('accepts valid IBANs of Germany and other countries', () => {
    for (const ok of [
      'DE02120300000000202051',
      'DE89370400440532013000',
      'AT611904300234573201',
      'NL91ABNA0417164300',
      'GB29NWBK60161331926819',
      'FR1420041010050500013M02606',
      'CH9300762011623852957',
      'NO9386011117947',
    ]) {
      assert.equal(ibanField.validate(field, ok, ctx), null, ok);
    }
  });

  it('says precisely what is wrong', () => {
    assert.deepEqual(ibanField.validate(field, undefined, ctx), {
      de: 'Geben Sie eine IBAN ein',
      en: 'Enter an IBAN',
    });
    assert.deepEqual(ibanField.validate(field, 'DE02120300000000202052', ctx), {
      de: 'Diese IBAN gibt es nicht. Vergleichen Sie sie Zeichen für Zeichen mit Ihren Kontoangaben',
      en: 'This IBAN does not exist. Compare it character by character with your bank details',
    });
    assert.equal(
      ibanField.validate(field, 'DE0212030000000020205', ctx)?.de,
      'Eine IBAN aus DE hat 22 Zeichen. Prüfen Sie, ob Zeichen fehlen oder zu viel sind',
    );
    assert.match(
      ibanField.validate(field, 'XX02120300000000202051', ctx)?.de ?? '',
      /„XX“ ist kein Ländercode/,
    );
    assert.match(ibanField.validate(field, '1234', ctx)?.de ?? '', /im richtigen Format/);
    // German BBANs are digits only.
    assert.equal(ibanProblem(withCheckDigits('DE', '12030000000020205A')), 'format');
    // Check digits 00, 01 and 99 never occur.
    assert.equal(ibanProblem('DE00120300000000202051'), 'checksum');
    assert.ok(ibanField.validate(field, 42, ctx));
  });

  it('formats in groups of four and knows when it is empty', () => {
    assert.equal(ibanField.format(field, 'DE02120300000000202051', 'de'), 'DE02 1203 0000 0000 2020 51');
    assert.equal(formatIban('NO9386011117947'), 'NO93 8601 1117 947');
    assert.equal(ibanField.isEmpty(''), true);
    assert.equal(ibanField.isEmpty('DE'), false);
    assert.deepEqual(ibanField.dataSchema(field), {
      type: 'string',
      pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$',
    });
  });

  it('renders a labelled input with hint, error and aria wiring', () => {
    const html = ibanField.view({
      field,
      value: 'DE02120300000000202051',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /<label class="kern-label" for="field-iban">IBAN<\/label>/);
    assert.match(html, /<div class="kern-hint" id="field-iban-hint">22 Zeichen, beginnt mit DE<\/div>/);
    assert.match(
      html,
      /id="field-iban" name="iban" type="text" spellcheck="false" autocapitalize="characters" value="DE02 1203 0000 0000 2020 51" aria-describedby="field-iban-hint">/,
    );
    const bad = assertTypedErrorShown(ibanField, field, 'de02 x', { message: error.message, locale: 'en' });
    assert.match(bad, /<p class="kern-error" id="field-iban-error">.*Error: <\/span>Wrong<\/span><\/p>/);
  });

  it('property: every generated IBAN is valid, and changing one digit makes it invalid', () => {
    const countries = Object.keys(IBAN_LENGTHS);
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
    const digit = fc.constantFrom(...'0123456789'.split(''));
    const iban = fc.constantFrom(...countries).chain((country) => {
      const length = (IBAN_LENGTHS[country] as number) - 4;
      const chars = country === 'DE' ? digit : alnum;
      return fc
        .array(chars, { minLength: length, maxLength: length })
        .map((bban) => withCheckDigits(country, bban.join('')));
    });
    fc.assert(
      fc.property(iban, fc.nat(), fc.integer({ min: 1, max: 9 }), (value, at, delta) => {
        assert.equal(ibanProblem(value), null, value);
        // Change one digit (check digits included, so there always is one) to another digit.
        const digits = [...value]
          .map((ch, i) => (i >= 2 && ch >= '0' && ch <= '9' ? i : -1))
          .filter((i) => i >= 0);
        const i = digits[at % digits.length] as number;
        const changed = String((Number(value[i]) + delta) % 10);
        const mutated = value.slice(0, i) + changed + value.slice(i + 1);
        assert.notEqual(ibanProblem(mutated), null, `${value} -> ${mutated}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bic field', () => {
  const bic: BicField = { type: 'bic', key: 'bic', label: { de: 'BIC' } };
  it('accepts 8 or 11 characters, normalised to upper case', () => {
    assert.equal(bicField.parse(bic, { bic: ' markdef1 100 ' }).value, 'MARKDEF1100');
    for (const ok of ['MARKDEF1100', 'COBADEFF', 'DEUTDEDBBER'])
      assert.equal(bicField.validate(bic, ok, ctx), null, ok);
    for (const bad of ['MARKDEF110', 'MARK1EF1', 'COBADEFF1', '12345678'])
      assert.deepEqual(bicField.validate(bic, bad, ctx), {
        de: 'Geben Sie einen BIC mit 8 oder 11 Zeichen ein, zum Beispiel MARKDEF1100',
        en: 'Enter a BIC with 8 or 11 characters, like MARKDEF1100',
      });
    assert.equal(bicField.validate(bic, undefined, ctx), null);
    assert.equal(bicField.validate({ ...bic, required: true }, undefined, ctx)?.en, 'Enter a BIC');
    assert.equal(bicField.format(bic, 'COBADEFF', 'en'), 'COBADEFF');
  });
  it('renders an optional labelled input', () => {
    const html = bicField.view({
      field: bic,
      value: 'COBADEFF',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /BIC <span class="kern-label__optional">\(optional\)<\/span><\/label>/);
    assert.match(html, /id="field-bic" name="bic" type="text"[^>]* value="COBADEFF">/);
  });
});
