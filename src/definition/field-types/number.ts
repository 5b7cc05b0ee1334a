/** `number`: a number, whole unless `integer` is false, with optional limits. */
import type { NumberField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { numberMismatch } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const numberFacts: FieldTypeFacts<NumberField> = {
  schema: fieldSchema({
    min: { type: 'number' },
    max: { type: 'number' },
    integer: { type: 'boolean' },
  }),
  operand: {
    value: (field) => ({
      type: field.integer === false ? 'number' : 'int',
      nonNegative: field.min !== undefined && field.min >= 0,
    }),
    mismatch: numberMismatch,
  },
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkLimits(problems, path, field.min, field.max, 'min', 'max');
  },
  easyTexts: hintOnly,
};
