/**
 * `taxId`: the Steuerliche Identifikationsnummer (IdNr, § 139b AO). Eleven digits, stored without
 * spaces (`12345678995`), shown as `12 345 678 995` like in letters of the Bundeszentralamt.
 *
 * Checked like the tax authorities' plausibility check (ELSTER):
 * - the first digit is not 0;
 * - among the first ten digits exactly one digit occurs twice or three times (three times allowed
 *   since 2016), every other digit at most once, so one or two digits are missing; a digit that
 *   occurs three times must not stand three times in a row;
 * - the eleventh digit is the ISO 7064 MOD 11,10 check digit of the first ten.
 */
import type { TaxIdField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const TAX_ID_PATTERN = '^[1-9][0-9]{10}$';
const SHAPE = new RegExp(TAX_ID_PATTERN);
const SEPARATORS = /[\s\u00a0\u202f/.-]/g;
const TRIPLE_IN_A_ROW = /(\d)\1\1/;

/** ISO 7064 MOD 11,10 check digit of a string of digits. */
export function mod11_10CheckDigit(digits: string): number {
  let product = 10;
  for (const ch of digits) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** The digit-repetition rule on the first ten digits. */
export function hasValidRepetition(first10: string): boolean {
  const counts = new Array<number>(10).fill(0);
  for (const ch of first10) counts[Number(ch)] = (counts[Number(ch)] ?? 0) + 1;
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length !== 1) return false;
  const times = repeated[0] as number;
  if (times > 3) return false;
  return times === 2 || !TRIPLE_IN_A_ROW.test(first10);
}

export type TaxIdProblem = 'format' | 'invalid';

/** Null when the digits are a plausible IdNr. */
export function taxIdProblem(value: string): TaxIdProblem | null {
  if (!SHAPE.test(value)) return 'format';
  const first10 = value.slice(0, 10);
  if (!hasValidRepetition(first10)) return 'invalid';
  return mod11_10CheckDigit(first10) === Number(value.charAt(10)) ? null : 'invalid';
}

export function formatTaxId(value: string): string {
  return value.length === 11
    ? `${value.slice(0, 2)} ${value.slice(2, 5)} ${value.slice(5, 8)} ${value.slice(8)}`
    : value;
}

export const taxIdField: FieldTypeHandler<TaxIdField, string> = {
  type: 'taxId',
  parse(field, raw) {
    const value = (rawString(raw, field.key) ?? '').replace(SEPARATORS, '');
    return { value: value === '' ? undefined : value, rawKept: keepRaw(raw, [field.key]) };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('taxId') : null;
    if (typeof value !== 'string') return msg.invalidTaxIdFormat();
    const problem = taxIdProblem(value);
    if (problem === 'format') return msg.invalidTaxIdFormat();
    if (problem === 'invalid') return msg.invalidTaxId();
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => formatTaxId(String(value)),
  dataSchema: () => ({ type: 'string', pattern: TAX_ID_PATTERN }),
  view(input) {
    const { field } = input;
    let shown: string | undefined;
    if (input.raw) shown = rawString(input.raw, field.key);
    else if (typeof input.value === 'string') shown = formatTaxId(input.value);
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" inputmode="numeric" spellcheck="false"${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
