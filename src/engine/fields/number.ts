/** `number`: entered as text (GOV.UK advice: no type="number"), stored as a JavaScript number. */
import type { NumberField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import { withDecimalMark } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const SPACES = /[\s\u00a0\u202f]/g;
const GERMAN_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const GERMAN_DECIMAL = /^[+-]?\d+(,\d+)?$/;
const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const DOTS = /\./g;

/**
 * Accepts what people in Germany type: "1.234,5", "1234,5", "1234.5", "1 234". A dot followed by
 * exactly three digits groups thousands ("1.500" is 1500), as it would in German writing.
 */
export function parseGermanNumber(text: string): number | undefined {
  const s = text.replace(SPACES, '');
  let normal: string | undefined;
  if (GERMAN_GROUPED.test(s)) normal = s.replace(DOTS, '').replace(',', '.');
  else if (GERMAN_DECIMAL.test(s)) normal = s.replace(',', '.');
  else if (PLAIN_DECIMAL.test(s)) normal = s;
  if (normal === undefined) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

const formatters = {
  de: new Intl.NumberFormat('de-DE', { maximumFractionDigits: 10 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 }),
};

export const numberField: FieldTypeHandler<NumberField, number> = {
  type: 'number',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key)?.trim();
    if (!text) return { value: undefined, rawKept };
    const value = parseGermanNumber(text);
    if (value === undefined) return { value, rawKept, invalid: msg.notANumber() };
    return { value, rawKept };
  },
  validate(field, value) {
    if (value === undefined) return field.required ? msg.enter('number') : null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return msg.notANumber();
    if (field.integer !== false && !Number.isInteger(value)) return msg.notAWholeNumber();
    if (field.min !== undefined && value < field.min) return msg.numberTooSmall(field.min);
    if (field.max !== undefined && value > field.max) return msg.numberTooLarge(field.max);
    return null;
  },
  isEmpty: (value) => value === undefined,
  format: (_field, value, locale) =>
    typeof value === 'number' ? formatters[locale].format(value) : String(value),
  dataSchema: (field) => ({
    type: field.integer === false ? 'number' : 'integer',
    ...(field.min !== undefined && { minimum: field.min }),
    ...(field.max !== undefined && { maximum: field.max }),
  }),
  view(input) {
    const { field } = input;
    let shown: string | undefined;
    if (input.raw) shown = rawString(input.raw, field.key);
    // Shown without grouping, with the decimal separator of the page's language; parses back.
    else if (typeof input.value === 'number') shown = withDecimalMark(String(input.value), input.locale);
    const mode = field.integer === false ? 'decimal' : 'numeric';
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" inputmode="${mode}" spellcheck="false"${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
