/**
 * `phone`: a telephone number as people write it.
 * No settings beyond those every answer field has; what a valid answer is, the engine's handler knows.
 */
import type { PhoneField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const phoneFacts: FieldTypeFacts<PhoneField> = {
  schema: fieldSchema({}),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
