/** `date`: a calendar date, stored as ISO `YYYY-MM-DD`, with fixed limits and rules relative to today. */
import { isValidIsoDate } from '../iso-date.ts';
import { pointer } from '../problems.ts';
import type { DateField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { describe } from './operands.ts';
import { fieldSchema, ISO_DATE_PATTERN, ref } from './schema-parts.ts';

const ISO_DATE = new RegExp(ISO_DATE_PATTERN);

export const dateFacts: FieldTypeFacts<DateField> = {
  schema: fieldSchema({
    min: { type: 'string', pattern: ISO_DATE_PATTERN },
    max: { type: 'string', pattern: ISO_DATE_PATTERN },
    notInFuture: { type: 'boolean' },
    notInPast: { type: 'boolean' },
    minAgeYears: { type: 'integer', minimum: 0, maximum: 150 },
    maxAgeYears: { type: 'integer', minimum: 0, maximum: 150 },
    // The only autofill token for a whole date; its three inputs get the part tokens.
    autocomplete: { enum: ['bday'] },
    prefill: ref('prefill'),
  }),
  operand: {
    value: () => ({ type: 'string', nonNegative: true }),
    // ISO dates order like their strings, so ordering is fine as long as the literal is one.
    mismatch: (field, literal) =>
      typeof literal === 'string' && ISO_DATE.test(literal)
        ? undefined
        : `compares date field '${field.key}' with ${describe(literal)}; use an ISO date such as "2024-12-31"`,
  },
  inGroupItem: 'allowed',
  check(field, path, problems) {
    for (const name of ['min', 'max'] as const) {
      const value = field[name];
      if (value !== undefined && !isValidIsoDate(value)) {
        problems.push({ path: pointer(path, name), message: `'${value}' is not a valid calendar date` });
      }
    }
    checkLimits(problems, path, field.min, field.max, 'min', 'max');
    checkLimits(problems, path, field.minAgeYears, field.maxAgeYears, 'minAgeYears', 'maxAgeYears');
    if (field.notInPast && field.minAgeYears)
      problems.push({
        path: pointer(path, 'minAgeYears'),
        message: 'minAgeYears asks for a date in the past, which notInPast refuses',
      });
  },
  easyTexts: hintOnly,
};
