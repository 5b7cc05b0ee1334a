import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextareaField } from '../../definition/types.ts';
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
      'Die Antwort darf höchstens 10 Zeichen lang sein',
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
