/**
 * Exact reading of decimal numbers as people in Germany type them, without going through binary
 * floating point: "1.234,56", "1234,56", "1234.56" and "1 234" all read as 1234.56.
 */
import type { Locale } from '../../definition/types.ts';
import { text } from '../texts.ts';

const SPACES = /[\s\u00a0\u202f]/g;
const GERMAN_GROUPED = /^([+-]?)(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/;
const GERMAN_DECIMAL = /^([+-]?)(\d+)(?:,(\d+))?$/;
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const DOTS = /\./g;
const LEADING_ZEROS = /^0+(?=\d)/;
const TRAILING_ZEROS = /0+$/;
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

export interface DecimalParts {
  negative: boolean;
  /** Digits before the separator, without leading zeros ("0" for none). */
  int: string;
  /** Digits after the separator as typed (trailing zeros kept, so "12,50" has 2 decimals). */
  frac: string;
}

/** The parts of a typed decimal number, or undefined when it is not one. */
export function readDecimal(text: string): DecimalParts | undefined {
  const s = text.replace(SPACES, '');
  const m = GERMAN_GROUPED.exec(s) ?? GERMAN_DECIMAL.exec(s) ?? PLAIN_DECIMAL.exec(s);
  if (!m) return undefined;
  const int = (m[2] ?? '0').replace(DOTS, '').replace(LEADING_ZEROS, '');
  return { negative: m[1] === '-', int, frac: m[3] ?? '' };
}

/** Canonical string: "-1234.5" (no "+", no grouping, no leading or trailing zeros, no "-0"). */
export function canonicalDecimal(parts: DecimalParts): string {
  const frac = parts.frac.replace(TRAILING_ZEROS, '');
  const body = frac === '' ? parts.int : `${parts.int}.${frac}`;
  return parts.negative && body !== '0' ? `-${body}` : body;
}

/** JSON Schema pattern (and check) of the canonical form. */
export const CANONICAL_DECIMAL_PATTERN = '^(?:0|-?(?:0\\.[0-9]*[1-9]|[1-9][0-9]*(?:\\.[0-9]*[1-9])?))$';

/** Groups the digits of a canonical decimal for people: de "1.234,5", en "1,234.5". */
export function groupDecimal(canonical: string, locale: Locale): string {
  const negative = canonical.startsWith('-');
  const [int = '', frac] = (negative ? canonical.slice(1) : canonical).split('.');
  const grouped = int.replace(THOUSANDS, text(locale, 'number.groupMark'));
  return `${negative ? '-' : ''}${grouped}${frac === undefined ? '' : text(locale, 'number.decimalMark') + frac}`;
}
