import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LicensePlateField } from '../../definition/types.ts';
import { licensePlateField, normalizeLicensePlate } from './license-plate.ts';

const ctx = { today: '2025-06-01' };
const field: LicensePlateField = {
  type: 'licensePlate',
  key: 'kennzeichen',
  label: { de: 'Kennzeichen', en: 'Registration number' },
  required: true,
};
const parse = (typed: string) => licensePlateField.parse(field, { kennzeichen: typed });

describe('licensePlate field', () => {
  it('reads a plate typed in lower case, with or without the hyphen, as on the plate', () => {
    const cases: Array<[string, string]> = [
      ['mu ab 123', 'MU-AB 123'],
      ['MU-AB 123', 'MU-AB 123'],
      ['mu-ab123', 'MU-AB 123'],
      [' m  ab   1234 ', 'M-AB 1234'],
      ['mu-ab 123 e', 'MU-AB 123E'],
      ['b-z 1h', 'B-Z 1H'],
      ['lö ab 12', 'LÖ-AB 12'],
      ['TÖL-X 99', 'TÖL-X 99'],
    ];
    for (const [typed, stored] of cases) {
      const parsed = parse(typed);
      assert.equal(parsed.value, stored, typed);
      assert.equal(parsed.invalid, undefined, typed);
      assert.equal(licensePlateField.validate(field, parsed.value, ctx), null, typed);
    }
  });

  it('refuses what cannot be a plate, and asks rather than guesses', () => {
    for (const typed of [
      'MAB123', // M-AB or MA-B?
      'MU-AB 0123', // no leading zero
      'MU-AB 12345', // four digits at most
      'ABCD-E 1',
      'ABC-DE 1234', // nine characters, eight at most
      'MU-ÄB 1',
      'MU-AB 12X',
      '123',
    ]) {
      const parsed = parse(typed);
      assert.equal(parsed.value, undefined, typed);
      assert.equal(
        parsed.invalid?.de,
        'Geben Sie das Kennzeichen wie auf dem Schild an, zum Beispiel MU-AB 123',
        typed,
      );
      assert.equal(parsed.invalid?.en, 'Enter the registration number as on the plate, like MU-AB 123');
    }
    assert.equal(normalizeLicensePlate('ABC-D 1234'), 'ABC-D 1234', 'eight characters are fine');
  });

  it('is required like any answer, and refuses a stored value not in the stored spelling', () => {
    assert.equal(parse('  ').value, undefined);
    assert.equal(licensePlateField.validate(field, undefined, ctx)?.de, 'Geben Sie ein Kennzeichen ein');
    assert.equal(licensePlateField.validate({ ...field, required: false }, undefined, ctx), null);
    for (const stored of ['mu-ab 123', 'MU AB 123', 'MU-AB123', 12])
      assert.notEqual(licensePlateField.validate(field, stored as never, ctx), null, String(stored));
  });

  it('keeps what was typed after an error, and shows the stored plate', () => {
    const typed = licensePlateField.view({
      field,
      value: undefined,
      raw: { kennzeichen: 'mab123' },
      error: { key: 'kennzeichen', inputId: 'field-kennzeichen', message: { de: 'x' } },
      locale: 'de',
    }).value;
    assert.match(typed, /value="mab123"/);
    assert.match(typed, /aria-invalid="true"/);
    const stored = licensePlateField.view({
      field,
      value: 'MU-AB 123',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(stored, /value="MU-AB 123"/);
    assert.equal(licensePlateField.format(field, 'MU-AB 123E', 'de'), 'MU-AB 123E');
  });
});
