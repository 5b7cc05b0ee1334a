import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmailField, InfoField, PhoneField, TextareaField } from '../../definition/types.ts';
import { emailField } from './email.ts';
import { infoField } from './info.ts';
import { phoneField } from './phone.ts';
import { fieldTypes } from './registry.ts';
import { textareaField } from './textarea.ts';

const ctx = { today: '2025-06-01' };

describe('textarea field', () => {
  const field: TextareaField = {
    type: 'textarea',
    key: 'text',
    label: { de: 'Beschreibung' },
    required: true,
    maxLength: 10,
  };
  it('normalises line breaks, trims, limits length, renders a textarea', () => {
    assert.equal(textareaField.parse(field, { text: ' a\r\nb \r\n' }).value, 'a\nb');
    assert.equal(textareaField.validate(field, 'a\nb', ctx), null);
    assert.equal(
      textareaField.validate(field, 'x'.repeat(11), ctx)?.de,
      '„Beschreibung“ darf höchstens 10 Zeichen lang sein',
    );
    const html = textareaField.view({
      field,
      value: 'a & b',
      raw: undefined,
      error: undefined,
      locale: 'de',
    }).value;
    assert.match(
      html,
      /<textarea class="kern-form-input__input" id="field-text" name="text" rows="5">a &amp; b<\/textarea>/,
    );
  });
});

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
        de: 'Geben Sie eine E-Mail-Adresse im richtigen Format an, zum Beispiel name@example.de',
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

describe('phone field', () => {
  const field: PhoneField = { type: 'phone', key: 'telefon', label: { de: 'Telefon' }, required: true };
  it('accepts German ways of writing numbers', () => {
    for (const ok of ['030 1234567', '+49 30 1234567', '(05331) 86-2200', '0171/1234567']) {
      assert.equal(phoneField.validate(field, ok, ctx), null, ok);
    }
    for (const bad of ['12', 'call me', '+49 30 1234567 890123456'])
      assert.ok(phoneField.validate(field, bad, ctx), bad);
    assert.equal(phoneField.validate(field, undefined, ctx)?.de, 'Geben Sie „Telefon“ an');
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

describe('info field', () => {
  const field: InfoField = {
    type: 'info',
    key: 'hinweis',
    text: { de: 'Erster <b>Absatz</b>.\n\nZweiter.' },
  };
  it('never answers and renders escaped paragraphs', () => {
    assert.deepEqual(infoField.parse(field, { hinweis: 'x' }), { value: undefined, rawKept: {} });
    assert.equal(infoField.validate(field, undefined, ctx), null);
    assert.equal(infoField.isEmpty(undefined), true);
    const html = infoField.view({
      field,
      value: undefined,
      raw: undefined,
      error: undefined,
      locale: 'en',
    }).value;
    assert.equal(
      html,
      '<div id="field-hinweis"><p class="kern-body">Erster &lt;b&gt;Absatz&lt;/b&gt;.</p><p class="kern-body">Zweiter.</p></div>',
    );
  });
});

describe('registry', () => {
  it('has a handler for every field type, registered under its own type', () => {
    for (const [type, handler] of Object.entries(fieldTypes)) assert.equal(handler.type, type);
    assert.equal(Object.keys(fieldTypes).length, 24);
  });
});
