/** `time`: a time of day on the 24-hour clock, typed as `9:05`, `09:05` or `9.05`; stored `09:05`. */
import type { TimeField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import { phrases } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

// "9:05", "09.05", "9:05 Uhr", "9 Uhr"; hours and minutes are range-checked below.
const TYPED = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?$/i;
const STORED_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$';
const STORED = new RegExp(STORED_PATTERN);

/** The stored `HH:MM` for what was typed, or undefined when it is not a real time. */
export function parseTime(text: string): string | undefined {
  const m = TYPED.exec(text.trim());
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export const timeField: FieldTypeHandler<TimeField, string> = {
  type: 'time',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key)?.trim();
    if (!text) return { value: undefined, rawKept };
    const value = parseTime(text);
    if (value === undefined) return { value, rawKept, invalid: msg.invalidTime() };
    return { value, rawKept };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('time') : null;
    return typeof value === 'string' && STORED.test(value) ? null : msg.invalidTime();
  },
  isEmpty: isEmptyString,
  format: (_field, value, locale) => phrases.timeOfDay(String(value))[locale],
  dataSchema: () => ({ type: 'string', pattern: STORED_PATTERN }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" spellcheck="false"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
