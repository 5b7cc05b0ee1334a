/**
 * `postcode`: a German postcode of five digits, stored as a string.
 * No settings beyond those every answer field has; what a valid answer is, the engine's handler knows.
 */
import type { PostcodeField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema, ref } from './schema-parts.ts';

export const postcodeFacts: FieldTypeFacts<PostcodeField> = {
  schema: fieldSchema({ prefill: ref('prefill') }),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
