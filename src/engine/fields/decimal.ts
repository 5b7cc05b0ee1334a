/**
 * `decimal`: a number with a fractional part, such as an area or a weight.
 *
 * Stored as a canonical decimal string ("1234.56", "-0.5", "12"), not as a JSON number: the value
 * is kept exactly as entered (no binary floating point, so "0.1" stays "0.1" in every delivery
 * format, also XDatenfelder and XML), `decimals` is checked on the digits people typed, and
 * consumers that need arithmetic can use a decimal library. Conditions may compare it with numbers:
 * json-logic-js converts numeric strings for `<`, `>`, `==`.
 */
import type { DecimalField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import { withDecimalMark } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { CANONICAL_DECIMAL_PATTERN, canonicalDecimal, groupDecimal, readDecimal } from './decimal-text.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const CANONICAL = new RegExp(CANONICAL_DECIMAL_PATTERN);

function decimalsOf(canonical: string): number {
  const point = canonical.indexOf('.');
  return point < 0 ? 0 : canonical.length - point - 1;
}

export const decimalField: FieldTypeHandler<DecimalField, string> = {
  type: 'decimal',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key)?.trim();
    if (!text) return { value: undefined, rawKept };
    const parts = readDecimal(text);
    if (!parts) return { value: undefined, rawKept, invalid: msg.notANumber() };
    return { value: canonicalDecimal(parts), rawKept };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('number') : null;
    if (typeof value !== 'string' || !CANONICAL.test(value)) return msg.notANumber();
    if (field.decimals !== undefined && decimalsOf(value) > field.decimals)
      return msg.tooManyDecimals(field.decimals);
    // Limits are JSON numbers; comparing as numbers is exact for every value of realistic size.
    const n = Number(value);
    if (field.min !== undefined && n < field.min) return msg.numberTooSmall(field.min);
    if (field.max !== undefined && n > field.max) return msg.numberTooLarge(field.max);
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value, locale) => groupDecimal(String(value), locale),
  dataSchema: () => ({ type: 'string', pattern: CANONICAL_DECIMAL_PATTERN }),
  view(input) {
    const { field } = input;
    let shown: string | undefined;
    if (input.raw) shown = rawString(input.raw, field.key);
    // Without grouping, with the decimal separator of the page's language; parses back.
    else if (typeof input.value === 'string') shown = withDecimalMark(input.value, input.locale);
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" inputmode="decimal" spellcheck="false"${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
