/**
 * `date`: entered as three inputs day / month / year (GOV.UK pattern; works everywhere, unlike
 * native date pickers with screen readers), stored as ISO `YYYY-MM-DD`.
 */
import { isValidDateParts, isValidIsoDate, toIsoDate } from '../../definition/iso-date.ts';
import type { DateField, Locale } from '../../definition/types.ts';
import { attr, html, type SafeHtml } from '../../lib/html.ts';
import type { FieldTypeHandler } from './contract.ts';
import { labelsOf, msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { group, INVALID_ATTR } from './view-parts.ts';

const PARTS = ['day', 'month', 'year'] as const;
type Part = (typeof PARTS)[number];
const DIGITS = /^\d{1,4}$/;
const FOUR_DIGITS = /^\d{4}$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const PART_LABELS: Record<Locale, Record<Part, string>> = {
  de: { day: 'Tag', month: 'Monat', year: 'Jahr' },
  en: { day: 'Day', month: 'Month', year: 'Year' },
};
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function partName(key: string, part: Part): string {
  return `${key}-${part}`;
}

/** German `27.03.2007`, English `27 March 2007` (GOV.UK style). */
export function formatIsoDate(iso: string, locale: Locale): string {
  const m = ISO.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (locale === 'de') return `${d}.${mo}.${y}`;
  return `${Number(d)} ${MONTHS_EN[Number(mo) - 1] ?? mo} ${y}`;
}

function both(iso: string) {
  return { de: formatIsoDate(iso, 'de'), en: formatIsoDate(iso, 'en') };
}

export const dateField: FieldTypeHandler<DateField, string> = {
  type: 'date',
  parse(field, raw) {
    const names = PARTS.map((p) => partName(field.key, p));
    const rawKept = keepRaw(raw, names);
    const [day, month, year] = names.map((n) => rawString(raw, n)?.trim() ?? '') as [string, string, string];
    if (day === '' && month === '' && year === '') return { value: undefined, rawKept };
    const labels = labelsOf(field);
    const missing = PARTS.find((_, i) => [day, month, year][i] === '');
    if (missing) return { value: undefined, rawKept, invalid: msg.dateMissingPart(labels, missing) };
    if (!DIGITS.test(day) || !DIGITS.test(month) || !DIGITS.test(year)) {
      return { value: undefined, rawKept, invalid: msg.invalidDate(labels) };
    }
    if (!FOUR_DIGITS.test(year)) return { value: undefined, rawKept, invalid: msg.dateYearDigits(labels) };
    const [d, m, y] = [Number(day), Number(month), Number(year)];
    if (!isValidDateParts(y, m, d)) return { value: undefined, rawKept, invalid: msg.invalidDate(labels) };
    return { value: toIsoDate(y, m, d), rawKept };
  },
  validate(field, value) {
    const labels = labelsOf(field);
    if (value === undefined || value === '') return field.required ? msg.enter(labels) : null;
    if (typeof value !== 'string' || !isValidIsoDate(value)) return msg.invalidDate(labels);
    // ISO dates compare correctly as strings.
    if (field.min !== undefined && value < field.min) return msg.dateTooEarly(labels, both(field.min));
    if (field.max !== undefined && value > field.max) return msg.dateTooLate(labels, both(field.max));
    return null;
  },
  isEmpty: isEmptyString,
  format: (_field, value, locale) => formatIsoDate(String(value), locale),
  view(input) {
    const { field, locale } = input;
    const invalid = input.error !== undefined;
    let shown: Record<Part, string | undefined> = { day: undefined, month: undefined, year: undefined };
    if (input.raw) {
      const raw = input.raw;
      shown = {
        day: rawString(raw, partName(field.key, 'day')),
        month: rawString(raw, partName(field.key, 'month')),
        year: rawString(raw, partName(field.key, 'year')),
      };
    } else if (typeof input.value === 'string') {
      const m = ISO.exec(input.value);
      // Without leading zeros, as people type them.
      if (m) shown = { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] };
    }
    const inputs: SafeHtml[] = PARTS.map((part, i) => {
      const id = i === 0 ? `field-${field.key}` : `field-${field.key}-${part}`;
      const width = part === 'year' ? 'kern-form-input__input--width-4' : 'kern-form-input__input--width-2';
      return html`<div class="kern-form-input"><label class="kern-label" for="${id}">${PART_LABELS[locale][part]}</label><input class="kern-form-input__input ${width}${invalid ? ' kern-form-input__input--error' : ''}" id="${id}" name="${partName(field.key, part)}" type="text" inputmode="numeric"${attr('value', shown[part])}${invalid ? INVALID_ATTR : ''}></div>`;
    });
    return group(input, html`${inputs}`, true);
  },
};
