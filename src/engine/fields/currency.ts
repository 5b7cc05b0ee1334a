/**
 * `currency`: an amount in euros, typed "12,50", "12,50 €", "1.000" or "EUR 12.50". Stored as
 * integer euro-cents (1250): money is integer cents end to end, so fees and sums never meet
 * binary floating point. Shown "12,50 €" in German and "€12.50" in English.
 */
import type { CurrencyField, Locale } from '../../definition/types.ts';
import { attr, html } from '../../lib/html.ts';
import { withDecimalMark } from '../texts.ts';
import type { FieldTypeHandler } from './contract.ts';
import { readDecimal } from './decimal-text.ts';
import { msg } from './messages.ts';
import { keepRaw, rawString } from './raw.ts';
import { INVALID_ATTR, singleControl } from './view-parts.ts';

const EURO = /€|\beur(?:o)?\b/gi;
// Up to 10^13 euros keeps cents a safe integer with room to spare.
const MAX_EURO_DIGITS = 13;

const formatters: Record<Locale, Intl.NumberFormat> = {
  de: new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** "12,50 €" / "€12.50" for an amount in cents. */
export function formatCents(cents: number, locale: Locale): string {
  return formatters[locale].format(cents / 100);
}

function both(cents: number) {
  return { de: formatCents(cents, 'de'), en: formatCents(cents, 'en') };
}

/** Cents for a typed amount; 'cents' when it has more than two decimals; undefined if unreadable. */
export function parseEuroCents(text: string): number | 'cents' | undefined {
  const parts = readDecimal(text.replace(EURO, ''));
  if (!parts || parts.int.length > MAX_EURO_DIGITS) return undefined;
  if (parts.frac.replace(/0+$/, '').length > 2) return 'cents';
  const cents = Number(parts.int) * 100 + Number(parts.frac.padEnd(2, '0').slice(0, 2));
  return parts.negative && cents !== 0 ? -cents : cents;
}

export const currencyField: FieldTypeHandler<CurrencyField, number> = {
  type: 'currency',
  parse(field, raw) {
    const rawKept = keepRaw(raw, [field.key]);
    const text = rawString(raw, field.key)?.trim();
    if (!text) return { value: undefined, rawKept };
    const cents = parseEuroCents(text);
    if (cents === undefined) return { value: undefined, rawKept, invalid: msg.notAnAmount() };
    if (cents === 'cents') return { value: undefined, rawKept, invalid: msg.amountCents() };
    return { value: cents, rawKept };
  },
  validate(field, value) {
    if (value === undefined) return field.required ? msg.enter('amount') : null;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return msg.notAnAmount();
    const min = field.min ?? 0;
    if (value < min) return msg.amountTooSmall(both(min));
    if (field.max !== undefined && value > field.max) return msg.amountTooLarge(both(field.max));
    return null;
  },
  isEmpty: (value) => value === undefined,
  format: (_field, value, locale) => (typeof value === 'number' ? formatCents(value, locale) : String(value)),
  dataSchema: (field) => ({
    type: 'integer',
    minimum: field.min ?? 0,
    ...(field.max !== undefined && { maximum: field.max }),
    $comment: 'Euro-Cent',
  }),
  view(input) {
    const { field } = input;
    let shown: string | undefined;
    if (input.raw) shown = rawString(input.raw, field.key);
    else if (typeof input.value === 'number' && Number.isSafeInteger(input.value)) {
      // Two decimals, no grouping and no currency sign, so it parses back as typed.
      const abs = Math.abs(input.value);
      const text = `${input.value < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
      shown = withDecimalMark(text, input.locale);
    }
    return singleControl(
      input,
      (c) =>
        html`<input class="kern-form-input__input kern-form-input__input--width-4${c.invalid ? ' kern-form-input__input--error' : ''}" id="${c.id}" name="${c.name}" type="text" inputmode="decimal" spellcheck="false"${attr('value', shown)}${attr('aria-describedby', c.describedBy)}${c.invalid ? INVALID_ATTR : ''}>`,
    );
  },
};
