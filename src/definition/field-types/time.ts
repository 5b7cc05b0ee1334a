/**
 * `time`: a time of day on the 24-hour clock, stored as `HH:MM`.
 * No settings beyond those every answer field has; what a valid answer is, the engine's handler knows.
 */
import type { TimeField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { textOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const timeFacts: FieldTypeFacts<TimeField> = {
  schema: fieldSchema({}),
  operand: textOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
