/** `email`: an e-mail address, checked for shape only (delivery is the real test). */
import type { EmailField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString, trimmedOrUndefined } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

// One "@", no spaces, a dot in the domain, no empty labels around the dots.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_EMAIL_LENGTH = 254;

export const emailField: FieldTypeHandler<EmailField, string> = {
  type: 'email',
  parse(field, raw) {
    return { value: trimmedOrUndefined(rawString(raw, field.key)), rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('email') : null;
    if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH || !EMAIL.test(value))
      return msg.invalidEmail();
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: () => ({
    type: 'string',
    maxLength: MAX_EMAIL_LENGTH,
    // The same shape check as validate, not `format: "email"`: that format (RFC 5321 ASCII, as
    // ajv-formats implements it) refuses addresses this field accepts, such as umlaut domains
    // (IDN), so stored answers would fail their own schema.
    pattern: EMAIL.source,
  }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="email" autocomplete="email" spellcheck="false"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
