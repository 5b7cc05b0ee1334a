import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AddressField, ForeignAddressField } from '../../definition/types.ts';
import { addressField } from './address.ts';
import { type FieldMessage, fieldErrors } from './contract.ts';
import { foreignAddressField } from './foreign-address.ts';

const ctx = { today: '2025-06-01' };
const field: AddressField = {
  type: 'address',
  key: 'abholadresse',
  label: { de: 'Abholadresse', en: 'Collection address' },
  required: true,
};
const post = (parts: Record<string, string>) =>
  Object.fromEntries(Object.entries(parts).map(([k, v]) => [`abholadresse-${k}`, v]));
const full = {
  street: 'Hauptstraße',
  houseNumber: '5a',
  supplement: '',
  postcode: '38302',
  city: 'Musterstadt',
};

describe('address field', () => {
  it('stores the parts as a record, without empty optional parts', () => {
    const parsed = addressField.parse(field, post({ ...full, city: '  Muster   stadt ' }));
    assert.deepEqual(parsed.value, {
      street: 'Hauptstraße',
      houseNumber: '5a',
      postcode: '38302',
      city: 'Muster stadt',
    });
    assert.equal(parsed.invalid, undefined);
    assert.deepEqual(Object.keys(parsed.rawKept).sort(), [
      'abholadresse-city',
      'abholadresse-houseNumber',
      'abholadresse-postcode',
      'abholadresse-street',
      'abholadresse-supplement',
    ]);
    assert.equal(addressField.validate(field, parsed.value, ctx), null);
  });

  it('splits a house number typed into the street, and spaces in the postcode', () => {
    const parsed = addressField.parse(
      field,
      post({ ...full, street: 'Am Markt 12-14', houseNumber: '', postcode: '383 02' }),
    );
    assert.deepEqual(parsed.value, {
      street: 'Am Markt',
      houseNumber: '12-14',
      postcode: '38302',
      city: 'Musterstadt',
    });
    // A street whose name ends in a number is kept when the number is given separately.
    const named = addressField.parse(field, post({ ...full, street: 'Straße 17', houseNumber: '3' }));
    assert.equal((named.value as Record<string, string>).street, 'Straße 17');
  });

  it('reports each missing or wrong part at that part, politely', () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ ...full, street: '' }, 'field-abholadresse', 'Geben Sie die Straße ein'],
      [{ ...full, houseNumber: '' }, 'field-abholadresse-houseNumber', 'Geben Sie die Hausnummer ein'],
      [{ ...full, postcode: '' }, 'field-abholadresse-postcode', 'Geben Sie die Postleitzahl ein'],
      [{ ...full, city: '' }, 'field-abholadresse-city', 'Geben Sie den Ort ein'],
      [
        { ...full, houseNumber: 'fünf' },
        'field-abholadresse-houseNumber',
        'Geben Sie die Hausnummer mit Ziffern ein, zum Beispiel 12, 12a oder 12-14',
      ],
      [
        { ...full, postcode: '0012' },
        'field-abholadresse-postcode',
        'Geben Sie eine Postleitzahl mit 5 Ziffern ein, zum Beispiel 12345',
      ],
      [
        { ...full, street: 'x'.repeat(101) },
        'field-abholadresse',
        'Straße: Geben Sie höchstens 100 Zeichen ein',
      ],
    ];
    for (const [parts, inputId, de] of cases) {
      const message = addressField.validate(field, addressField.parse(field, post(parts)).value, ctx);
      assert.equal(message?.de, de, de);
      assert.equal(message?.inputId, inputId, de);
    }
    const en = addressField.validate(
      field,
      addressField.parse(field, post({ ...full, postcode: '' })).value,
      ctx,
    );
    assert.equal(en?.en, 'Enter the postcode');
  });

  it('is empty when nothing is typed: required says so, optional accepts it', () => {
    const parsed = addressField.parse(field, post({ street: ' ', houseNumber: '', postcode: '', city: '' }));
    assert.equal(parsed.value, undefined);
    assert.equal(addressField.validate({ ...field, required: false }, undefined, ctx), null);
    assert.equal(addressField.isEmpty(undefined), true);
    assert.equal(addressField.isEmpty({}), true);
  });

  it('says each missing part of an empty required address at that part, not once for all', () => {
    const message = addressField.validate(field, undefined, ctx);
    assert.ok(message);
    const errors = fieldErrors('abholadresse', message);
    assert.deepEqual(
      errors.map((e) => [e.inputId, e.message.de]),
      [
        ['field-abholadresse', 'Geben Sie die Straße ein'],
        ['field-abholadresse-houseNumber', 'Geben Sie die Hausnummer ein'],
        ['field-abholadresse-postcode', 'Geben Sie die Postleitzahl ein'],
        ['field-abholadresse-city', 'Geben Sie den Ort ein'],
      ],
    );
    // Partly filled in: every part still missing, each at its input.
    const partly = addressField.validate(
      field,
      addressField.parse(field, post({ ...full, houseNumber: '', city: '' })).value,
      ctx,
    );
    assert.deepEqual(
      fieldErrors('abholadresse', partly as FieldMessage).map((e) => e.inputId),
      ['field-abholadresse-houseNumber', 'field-abholadresse-city'],
    );
    // Each message is shown at, marked on and described for its own input, and nowhere else.
    const markup = addressField.view({
      field,
      value: undefined,
      raw: post({ street: '', houseNumber: '', supplement: '', postcode: '', city: '' }),
      error: errors[0],
      errors,
      locale: 'de',
    }).value;
    assert.equal(markup.match(/aria-invalid="true"/g)?.length, 4);
    assert.equal(markup.match(/class="kern-error"/g)?.length, 4);
    for (const part of ['houseNumber', 'postcode', 'city']) {
      const id = `field-abholadresse-${part}`;
      assert.match(
        markup,
        new RegExp(
          `id="${id}"[^>]*aria-describedby="${id}-error"[^>]*aria-invalid="true"><p class="kern-error" id="${id}-error">`,
        ),
      );
    }
    assert.match(markup, /id="field-abholadresse-supplement"(?![^>]*aria-invalid)[^>]*><\/div>/);
    // The fieldset itself carries no second copy of a message.
    assert.doesNotMatch(
      markup,
      /<\/div><p class="kern-error"[^>]*><span[^>]*><\/span><span class="kern-body">[^<]*<\/span><\/span><\/p><\/fieldset>/,
    );
  });

  it('refuses house number 0 and numbers with a leading zero', () => {
    for (const houseNumber of ['0', '00', '0a', '05', '3-0']) {
      const message = addressField.validate(
        field,
        addressField.parse(field, post({ ...full, houseNumber })).value,
        ctx,
      );
      assert.equal(message?.inputId, 'field-abholadresse-houseNumber', houseNumber);
      assert.equal(message?.de, 'Geben Sie eine Hausnummer ab 1 an, zum Beispiel 1, 12a oder 12-14');
    }
    for (const houseNumber of ['1', '10', '7/1', '12a-12c', '100'])
      assert.equal(
        addressField.validate(field, addressField.parse(field, post({ ...full, houseNumber })).value, ctx),
        null,
        houseNumber,
      );
  });

  it('refuses stored values that are not an address record', () => {
    for (const bad of [
      'Hauptstraße 5',
      12,
      ['a'],
      { street: 3, houseNumber: '1', postcode: '38302', city: 'X' },
    ])
      assert.notEqual(addressField.validate(field, bad as never, ctx), null, JSON.stringify(bad));
  });

  it('formats like an envelope line', () => {
    assert.equal(
      addressField.format(field, { ...full, supplement: 'Hinterhaus' }, 'de'),
      'Hauptstraße 5a, Hinterhaus, 38302 Musterstadt',
    );
  });

  it('renders labelled parts with autocomplete tokens and marks only the part in error', () => {
    const value = addressField.parse(field, post({ ...full, postcode: '' })).value;
    const message = addressField.validate(field, value, ctx);
    assert.ok(message);
    const markup = addressField.view({
      field,
      value: undefined,
      raw: post({ ...full, postcode: '' }),
      error: { key: 'abholadresse', inputId: message.inputId as string, message },
      locale: 'de',
    }).value;
    assert.match(markup, /<legend class="kern-label">Abholadresse<\/legend>/);
    for (const token of ['address-line1', 'address-line2', 'postal-code', 'address-level2'])
      assert.match(markup, new RegExp(`autocomplete="${token}"`));
    assert.match(markup, /Adresszusatz <span class="kern-label__optional">\(optional\)<\/span>/);
    assert.equal(markup.match(/aria-invalid="true"/g)?.length, 1);
    assert.match(
      markup,
      /id="field-abholadresse-postcode" name="abholadresse-postcode"[^>]*aria-invalid="true"/,
    );
    assert.match(markup, /value="Hauptstraße"/);
  });

  it('describes the record in the data schema', () => {
    const schema = addressField.dataSchema(field) as { required: string[]; additionalProperties: boolean };
    assert.deepEqual(schema.required, ['street', 'houseNumber', 'postcode', 'city']);
    assert.equal(schema.additionalProperties, false);
  });
});

const foreign: ForeignAddressField = {
  type: 'foreignAddress',
  key: 'auslandsanschrift',
  label: { de: 'Anschrift im Ausland', en: 'Address abroad' },
  required: true,
};
const fpost = (parts: Record<string, string>) =>
  Object.fromEntries(Object.entries(parts).map(([k, v]) => [`auslandsanschrift-${k}`, v]));
const abroad = { line1: '12 Rue de la Paix', line2: '75002 Paris', line3: '', country: 'FR' };

describe('foreign address field', () => {
  it('stores lines and the ISO 3166-1 alpha-2 country code', () => {
    const parsed = foreignAddressField.parse(foreign, fpost({ ...abroad, country: 'fr' }));
    assert.deepEqual(parsed.value, { line1: '12 Rue de la Paix', line2: '75002 Paris', country: 'FR' });
    assert.equal(foreignAddressField.validate(foreign, parsed.value, ctx), null);
  });

  it('reports missing lines, missing and unknown countries at their part; Germany is not abroad', () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ ...abroad, line1: '' }, 'field-auslandsanschrift', /^Geben Sie die erste Adresszeile ein/],
      [{ ...abroad, line2: '' }, 'field-auslandsanschrift-line2', /^Geben Sie die zweite Adresszeile ein/],
      [{ ...abroad, country: '' }, 'field-auslandsanschrift-country', /^Wählen Sie den Staat aus$/],
      [
        { ...abroad, country: 'DE' },
        'field-auslandsanschrift-country',
        /^Wählen Sie einen Staat aus der Liste aus/,
      ],
      [
        { ...abroad, country: 'ZZ' },
        'field-auslandsanschrift-country',
        /^Wählen Sie einen Staat aus der Liste aus/,
      ],
    ];
    for (const [parts, inputId, de] of cases) {
      const message = foreignAddressField.validate(
        foreign,
        foreignAddressField.parse(foreign, fpost(parts)).value,
        ctx,
      );
      assert.match(message?.de ?? '', de);
      assert.equal(message?.inputId, inputId);
    }
  });

  it('names the country in the reader’s language', () => {
    const value = { line1: '1 Main St', line2: 'Springfield, IL 62701', country: 'US' };
    assert.equal(
      foreignAddressField.format(foreign, value, 'de'),
      '1 Main St, Springfield, IL 62701, Vereinigte Staaten',
    );
    assert.equal(
      foreignAddressField.format(foreign, value, 'en'),
      '1 Main St, Springfield, IL 62701, United States',
    );
  });

  it('offers every country but Germany, sorted by name, with autocomplete="country"', () => {
    const markup = foreignAddressField.view({
      field: foreign,
      value: abroad,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(markup, /<select[^>]*autocomplete="country"/);
    assert.match(markup, /<option value="FR" selected>Frankreich<\/option>/);
    assert.doesNotMatch(markup, /value="DE"/);
    assert.ok(markup.indexOf('>Ägypten<') < markup.indexOf('>Belgien<'), 'Ä sorts with A in German');
    const schema = foreignAddressField.dataSchema(foreign) as { properties: { country: { enum: string[] } } };
    assert.equal(schema.properties.country.enum.length, 249);
    assert.ok(!schema.properties.country.enum.includes('DE'));
  });
});
