import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PhoneField } from '../../definition/types.ts';
import { phoneField } from './phone.ts';

const ctx = { today: '2025-06-01' };

describe('phone field', () => {
  const field: PhoneField = { type: 'phone', key: 'telefon', label: { de: 'Telefon' }, required: true };
  it('accepts German ways of writing numbers', () => {
    for (const ok of ['030 1234567', '+49 30 1234567', '(05331) 86-2200', '0171/1234567']) {
      assert.equal(phoneField.validate(field, ok, ctx), null, ok);
    }
    for (const bad of ['12', 'call me', '+49 30 1234567 890123456'])
      assert.ok(phoneField.validate(field, bad, ctx), bad);
    assert.equal(phoneField.validate(field, undefined, ctx)?.de, 'Geben Sie eine Telefonnummer ein');
    const html = phoneField.view({
      field,
      value: '030 1',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /type="tel" autocomplete="tel" value="030 1"/);
  });
});
