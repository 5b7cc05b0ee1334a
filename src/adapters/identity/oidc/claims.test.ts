import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapClaims } from './claims.ts';
import { STANDARD_CLAIMS } from './config.ts';

test('claims are mapped by the provider’s mapping, nested ones by a dotted path', () => {
  const attributes = mapClaims(
    {
      sub: 'x',
      given_name: 'Erika',
      family_name: ' Mustermann ',
      address: { street_address: 'Heidestraße 17', postal_code: '51147', locality: 'Köln' },
    },
    STANDARD_CLAIMS,
  );
  assert.deepEqual(attributes, {
    givenName: 'Erika',
    familyName: 'Mustermann',
    street: 'Heidestraße 17',
    postcode: '51147',
    city: 'Köln',
  });
});

test('a claim of another shape, an empty one or one the mapping does not name is left out', () => {
  const attributes = mapClaims(
    { given_name: 42, family_name: '', email: 'a@example.org', address: 'Heidestraße 17', nickname: 'E.' },
    { givenName: 'given_name', familyName: 'family_name', street: 'address.street_address', email: 'mail' },
  );
  assert.deepEqual(attributes, {});
});
