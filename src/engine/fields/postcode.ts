/** `postcode`: a German Postleitzahl, five digits; no PLZ begins with 00. Stored as a string. */
import type { PostcodeField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const PLZ_PATTERN = '^(?!00)[0-9]{5}$';
const PLZ = new RegExp(PLZ_PATTERN);
const SPACES = /[\s\u00a0\u202f]/g;

export const postcodeField: FieldTypeHandler<PostcodeField, string> = {
  type: 'postcode',
  parse(field, raw) {
    const value = (rawString(raw, field.key) ?? '').replace(SPACES, '');
    return { value: value === '' ? undefined : value, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('postcode') : null;
    return typeof value === 'string' && PLZ.test(value) ? null : msg.invalidPostcode();
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: () => ({ type: 'string', pattern: PLZ_PATTERN }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" inputmode="numeric" autocomplete="postal-code" spellcheck="false"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
