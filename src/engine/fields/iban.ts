/**
 * `iban`: an IBAN (ISO 13616), checked by country length and the mod-97 check digits. Stored
 * upper-case without spaces (`DE02120300000000202051`), shown in groups of four.
 *
 * Implemented here rather than with a package: the check is a few lines, the length table is our
 * domain data, and the engine must stay small for the browser bundle.
 */
import type { IbanField } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

/** IBAN length per country, from the SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

const SEPARATORS = /[\s\u00a0\u202f-]/g;
const SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/;
const GERMAN_BBAN = /^[0-9]{18}$/;
const GROUPS_OF_FOUR = /(.{4})(?=.)/g;

/** Upper case, without spaces or hyphens: how people type an IBAN to how it is stored. */
export function normalizeIban(text: string): string {
  return text.replace(SEPARATORS, '').toUpperCase();
}

/** ISO 7064 MOD 97-10 over the IBAN moved round (country and check digits at the end). */
export function ibanRemainder(iban: string): number {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    // Digits count as themselves, letters as 10 (A) to 35 (Z), i.e. two digits.
    const n = code <= 57 ? code - 48 : code - 55;
    remainder = n < 10 ? (remainder * 10 + n) % 97 : (remainder * 100 + n) % 97;
  }
  return remainder;
}

export type IbanProblem = 'format' | 'country' | 'length' | 'checksum';

/** Null when the normalised IBAN is valid, else what is wrong with it. */
export function ibanProblem(iban: string): IbanProblem | null {
  if (!SHAPE.test(iban)) return 'format';
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return 'country';
  if (iban.length !== length) return 'length';
  if (iban.startsWith('DE') && !GERMAN_BBAN.test(iban.slice(4))) return 'format';
  const check = Number(iban.slice(2, 4));
  // Check digits are 02 to 98; 00, 01 and 99 never come out of the algorithm.
  if (check < 2 || check > 98 || ibanRemainder(iban) !== 1) return 'checksum';
  return null;
}

export function formatIban(iban: string): string {
  return iban.replace(GROUPS_OF_FOUR, '$1 ');
}

export const ibanField: FieldTypeHandler<IbanField, string> = {
  type: 'iban',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const value = normalizeIban(rawString(raw, field.key) ?? '');
    return { value: value === '' ? undefined : value, rawKept };
  },
  validate(field, value) {
    if (value === undefined || value === '') return field.required ? msg.enter('iban') : null;
    if (typeof value !== 'string') return msg.invalidIban();
    const problem = ibanProblem(value);
    if (problem === 'format') return msg.invalidIban();
    if (problem === 'country') return msg.ibanUnknownCountry(value.slice(0, 2));
    if (problem === 'length')
      return msg.ibanLength(value.slice(0, 2), IBAN_LENGTHS[value.slice(0, 2)] as number);
    if (problem === 'checksum') return msg.ibanChecksum();
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value) => formatIban(String(value)),
  dataSchema: () => ({ type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' }),
  view(input) {
    const { field } = input;
    let shown: string | undefined;
    if (input.raw) shown = rawString(input.raw, field.key);
    else if (typeof input.value === 'string') shown = formatIban(input.value);
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" spellcheck="false" autocapitalize="characters"${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
