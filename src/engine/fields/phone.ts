/** `phone`: a telephone number as people write it (spaces, slashes, brackets, +49 allowed). */
import type { PhoneField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString, trimmedOrUndefined } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const PHONE_CHARS = /^\+?[0-9 ()/-]+$/;
const NON_DIGITS = /\D/g;
// E.164 allows 15 digits; fewer than 5 is never a reachable German number.
const MIN_DIGITS = 5;
const MAX_DIGITS = 15;

export const phoneField: FieldTypeHandler<PhoneField, string> = {
  type: 'phone',
  parse(field, raw) {
    return { value: trimmedOrUndefined(rawString(raw, field.key)), rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('phone') : null;
    if (typeof value !== 'string' || !PHONE_CHARS.test(value)) return msg.invalidPhone();
    const digits = value.replace(NON_DIGITS, '').length;
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) return msg.invalidPhone();
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: () => ({
    type: 'string',
    // PHONE_CHARS with MIN_DIGITS..MAX_DIGITS digits among the separators, in one pattern.
    pattern: `^\\+?[ ()/-]*(?:[0-9][ ()/-]*){${MIN_DIGITS},${MAX_DIGITS}}$`,
  }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="tel" autocomplete="tel"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
