import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmailField } from '../../definition/types.ts';
import { emailField } from './email.ts';

const ctx = { today: '2025-06-01' };

describe('email field', () => {
  const field: EmailField = {
    type: 'email',
    key: 'email',
    label: { de: 'E-Mail-Adresse', en: 'Email address' },
  };
  it('accepts addresses, explains the format otherwise', () => {
    assert.equal(emailField.parse(field, { email: ' name@example.de ' }).value, 'name@example.de');
    assert.equal(emailField.validate(field, 'name@example.de', ctx), null);
    assert.equal(emailField.validate(field, undefined, ctx), null);
    for (const bad of ['name', 'name@', 'name@example', 'na me@example.de', 'a@b..de']) {
      assert.deepEqual(emailField.validate(field, bad, ctx), {
        de: 'Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@example.de',
        en: 'Enter an email address in the correct format, like name@example.com',
      });
    }
    const html = emailField.view({
      field,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(html, /type="email" autocomplete="email" spellcheck="false"/);
  });
});
