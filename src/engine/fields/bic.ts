/**
 * `bic`: a BIC (ISO 9362): 4 letters bank, 2 letters country, 2 letters or digits location and
 * optionally 3 letters or digits branch. Stored upper-case without spaces.
 */
import type { BicField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const BIC_PATTERN = '^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$';
const BIC = new RegExp(BIC_PATTERN);
const SPACES = /[\s\u00a0\u202f]/g;

export function isValidBic(bic: string): boolean {
  return BIC.test(bic);
}

export const bicField: FieldTypeHandler<BicField, string> = {
  type: 'bic',
  parse(field, raw) {
    const value = (rawString(raw, field.key) ?? '').replace(SPACES, '').toUpperCase();
    return { value: value === '' ? undefined : value, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('bic') : null;
    return typeof value === 'string' && isValidBic(value) ? null : msg.invalidBic();
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: () => ({ type: 'string', pattern: BIC_PATTERN }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" spellcheck="false" autocapitalize="characters"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
