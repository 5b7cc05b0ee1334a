/** `textarea`: several lines of text. */
import type { TextareaField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { charCount, isEmptyString, trimmedOrUndefined } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const CRLF = /\r\n?/g;

export const textareaField: FieldTypeHandler<TextareaField, string> = {
  type: 'textarea',
  acceptsLineBreaks: true,
  parse(field, raw) {
    // Browsers post line breaks as CRLF; store LF so lengths match what people see.
    const text = rawString(raw, field.key)?.replace(CRLF, '\n');
    return { value: trimmedOrUndefined(text), rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('answer') : null;
    if (typeof value !== 'string') return msg.enter('answer');
    const length = charCount(value);
    if (field.maxLength !== undefined && length > field.maxLength) return msg.tooLong(field.maxLength);
    if (field.minLength !== undefined && length < field.minLength) return msg.tooShort(field.minLength);
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: (field) => ({
    type: 'string',
    minLength: Math.max(1, field.minLength ?? 0),
    ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
  }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<textarea class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" rows="5"${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>${typeof value === 'string' ? value : ''}</textarea>`,
    );
  },
};
