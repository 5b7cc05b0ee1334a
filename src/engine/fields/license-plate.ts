/**
 * `licensePlate`: a German vehicle registration number (Kfz-Kennzeichen, § 8 FZV and its Anlage 4).
 * People type it as they see it, in any case and with or without the hyphen: `mu ab 123`,
 * `MU-AB123`, `mu-ab 123 e`. Stored as on the plate, `MU-AB 123` (`MU-AB 123E` for an electric
 * car, `MU-AB 123H` for a historic one), so staff and receiving systems read one spelling.
 *
 * The district code (1 to 3 letters, umlauts included: `LÖ`, `TÖL`) must be separated from the
 * letters that follow, because without a separator `MAB 123` could be `M-AB` or `MA-B`; the
 * citizen is asked rather than guessed for. Letters and number together are at most eight
 * characters, the number has no leading zero.
 */
import type { LicensePlateField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const TYPED = /^([A-ZÄÖÜ]{1,3})[\s-]+([A-Z]{1,2})[\s-]*([1-9][0-9]{0,3})\s*([EH]?)$/;
const STORED_PATTERN = '^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [1-9][0-9]{0,3}[EH]?$';
const STORED = new RegExp(STORED_PATTERN);
/** District code, letters and digits together (the E or H after them not counted). */
const MAX_CHARACTERS = 8;

/** The stored spelling of what was typed, or undefined when it is not a plate's. */
export function normalizeLicensePlate(text: string): string | undefined {
  const m = TYPED.exec(text.trim().replace(/\s+/g, ' ').toUpperCase());
  if (!m) return undefined;
  const [, district, letters, digits, suffix] = m as unknown as [string, string, string, string, string];
  if (district.length + letters.length + digits.length > MAX_CHARACTERS) return undefined;
  return `${district}-${letters} ${digits}${suffix}`;
}

export const licensePlateField: FieldTypeHandler<LicensePlateField, string> = {
  type: 'licensePlate',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key)?.trim();
    if (!text) return { value: undefined, rawKept };
    const value = normalizeLicensePlate(text);
    if (value === undefined) return { value, rawKept, invalid: msg.invalidLicensePlate() };
    return { value, rawKept };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('licensePlate') : null;
    return typeof value === 'string' && STORED.test(value) && normalizeLicensePlate(value) === value
      ? null
      : msg.invalidLicensePlate();
  },
  isEmpty: isEmptyString,
  format: (_field, value) => String(value),
  dataSchema: () => ({ type: 'string', pattern: STORED_PATTERN, maxLength: MAX_CHARACTERS + 3 }),
  view(input) {
    const value = input.raw ? rawString(input.raw, input.field.key) : input.value;
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-10${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" spellcheck="false" autocapitalize="characters"${attr('value', typeof value === 'string' ? value : undefined)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
