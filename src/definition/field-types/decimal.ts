/** `decimal`: a decimal number kept exactly as a canonical string such as `"1234.56"`. */
import type { DecimalField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { textOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const decimalFacts: FieldTypeFacts<DecimalField> = {
  schema: fieldSchema({
    min: { type: 'number' },
    max: { type: 'number' },
    decimals: { type: 'integer', minimum: 0, maximum: 10 },
  }),
  // Stored as a string (exact digits), so rules see a text, not a number.
  operand: textOperand,
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkLimits(problems, path, field.min, field.max, 'min', 'max');
  },
  easyTexts: hintOnly,
};
