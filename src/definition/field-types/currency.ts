/** `currency`: an amount in euros, stored as whole euro-cents. */
import type { CurrencyField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { numberMismatch } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const currencyFacts: FieldTypeFacts<CurrencyField> = {
  schema: fieldSchema({ min: { type: 'integer' }, max: { type: 'integer' } }),
  operand: {
    // Cents are whole; negative amounts only when `min` allows them (its default is 0).
    value: (field) => ({ type: 'int', nonNegative: field.min === undefined || field.min >= 0 }),
    mismatch: numberMismatch,
  },
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkLimits(problems, path, field.min, field.max, 'min', 'max');
  },
  easyTexts: hintOnly,
};
