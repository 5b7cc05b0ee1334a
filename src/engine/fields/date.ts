/**
 * `date`: entered as three inputs day / month / year (GOV.UK pattern; works everywhere, unlike
 * native date pickers with screen readers), stored as ISO `YYYY-MM-DD`.
 */
import { daysInMonth, isValidDateParts, isValidIsoDate, toIsoDate } from '../../definition/iso-date.ts';
import type { DateField, Locale, LocalizedText } from '../../definition/types.ts';
import { attr, html, type SafeHtml } from '../../lib/html.ts';
import { phrases, type TextKey, type Translated, text } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { isEmptyString } from './strings.ts';
import { group, INVALID_ATTR } from './view-parts.ts';

const PARTS = ['day', 'month', 'year'] as const;
type Part = (typeof PARTS)[number];
const DIGITS = /^\d{1,4}$/;
const FOUR_DIGITS = /^\d{4}$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATA_PATTERN = '^[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$';

const PART_LABELS: Record<Part, TextKey> = { day: 'date.day', month: 'date.month', year: 'date.year' };

/**
 * The HTML autofill tokens of the parts when the date is the citizen's own birth date
 * (`autocomplete: "bday"`, WCAG 1.3.5): `bday` names the whole date, its parts have their own.
 */
const BIRTH_DATE_TOKENS: Record<Part, string> = { day: 'bday-day', month: 'bday-month', year: 'bday-year' };

export function partName(key: string, part: Part): string {
  return `${key}-${part}`;
}

/** The date in every language (see `phrases.date`); not a date: as it is. */
function both(iso: string): Translated {
  const m = ISO.exec(iso);
  if (!m) return { de: iso, en: iso };
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return phrases.date(y, mo, d);
}

/** German `27.03.2007`, English `27 March 2007` (GOV.UK style). */
export function formatIsoDate(iso: string, locale: Locale): string {
  return both(iso)[locale];
}

/**
 * The same day `years` years before; 29 February becomes 28 February in a common year. A date on
 * or before it is at least `years` years ago; for someone born on 29.2. that makes them a year
 * older from 1.3. in common years, as § 188 (3) BGB counts.
 */
export function yearsBefore(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return toIsoDate(y - years, m, Math.min(d, daysInMonth(y - years, m)));
}

function dayAfter(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The rules relative to today: not in the future or past, an age of at least or at most N years. */
function checkRelative(field: DateField, value: string, today: string): LocalizedText | null {
  if (field.notInFuture && value > today) return msg.dateNotInFuture();
  if (field.notInPast && value < today) return msg.dateNotInPast();
  if (field.minAgeYears !== undefined && value > yearsBefore(today, field.minAgeYears))
    return msg.dateMinAge(field.minAgeYears);
  if (field.maxAgeYears !== undefined) {
    // At most N completed years: later than the same day N + 1 years ago.
    const earliest = dayAfter(yearsBefore(today, field.maxAgeYears + 1));
    if (value < earliest) return msg.dateTooEarly(both(earliest));
  }
  return null;
}

export const dateField: FieldTypeHandler<DateField, string> = {
  type: 'date',
  parse(field, raw) {
    const names = PARTS.map((p) => partName(field.key, p));
    const rawKept = keepRaw(raw, names);
    const [day, month, year] = names.map((n) => rawString(raw, n)?.trim() ?? '') as [string, string, string];
    if (day === '' && month === '' && year === '') return { value: undefined, rawKept };
    const missing = PARTS.find((_, i) => [day, month, year][i] === '');
    if (missing) return { value: undefined, rawKept, invalid: msg.dateMissingPart(missing) };
    if (!DIGITS.test(day) || !DIGITS.test(month) || !DIGITS.test(year)) {
      return { value: undefined, rawKept, invalid: msg.invalidDate() };
    }
    if (!FOUR_DIGITS.test(year)) return { value: undefined, rawKept, invalid: msg.dateYearDigits() };
    const [d, m, y] = [Number(day), Number(month), Number(year)];
    if (!isValidDateParts(y, m, d)) return { value: undefined, rawKept, invalid: msg.invalidDate() };
    return { value: toIsoDate(y, m, d), rawKept };
  },
  validate(field, value, ctx) {
    if (value === undefined || value === '') return field.required ? msg.enter('date') : null;
    if (typeof value !== 'string' || !isValidIsoDate(value)) return msg.invalidDate();
    // ISO dates compare correctly as strings.
    if (field.min !== undefined && value < field.min) return msg.dateTooEarly(both(field.min));
    if (field.max !== undefined && value > field.max) return msg.dateTooLate(both(field.max));
    return checkRelative(field, value, ctx.today);
  },
  isEmpty: isEmptyString,
  format: (_field, value, locale) => formatIsoDate(String(value), locale),
  dataSchema: (field) => ({
    type: 'string',
    format: 'date',
    // Also as a pattern, for consumers that treat `format` as an annotation only (the 2020-12
    // default). Years 1000-9999 as isValidDateParts; the day of month is left to `format`.
    pattern: ISO_DATA_PATTERN,
    // JSON Schema cannot compare dates; the limits are documented instead.
    ...((field.min !== undefined || field.max !== undefined) && {
      $comment: [field.min && `frühestens ${field.min}`, field.max && `spätestens ${field.max}`]
        .filter(Boolean)
        .join(', '),
    }),
  }),
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
      return html`<div class="kern-form-input"><label class="kern-label" for="${id}">${text(locale, PART_LABELS[part])}</label><input class="kern-form-input__input ${width}${invalid ? ' kern-form-input__input--error' : ''}" id="${id}" name="${partName(field.key, part)}" type="text" inputmode="numeric"${attr('autocomplete', field.autocomplete === 'bday' ? BIRTH_DATE_TOKENS[part] : undefined)}${attr('value', shown[part])}${invalid ? INVALID_ATTR : ''}></div>`;
    });
    return group(input, html`${inputs}`, true);
  },
};
