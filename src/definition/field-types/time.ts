/**
 * `time`: a time of day on the 24-hour clock, stored as `HH:MM`.
 * No settings beyond those every answer field has; what a valid answer is, the engine's handler knows.
 */
import type { TimeField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { describe } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

const STORED_TIME = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;

export const timeFacts: FieldTypeFacts<TimeField> = {
  schema: fieldSchema({}),
  operand: {
    value: () => ({ type: 'string', nonNegative: true }),
    // Stored times order like their strings ("09:30" < "14:00"), an end after a start is
    // `{">": [{"var": "ende"}, {"var": "beginn"}]}`; a literal must be stored the same way,
    // or "9:30" would come after "14:00".
    mismatch: (field, literal) =>
      typeof literal === 'string' && STORED_TIME.test(literal)
        ? undefined
        : `compares time field '${field.key}' with ${describe(literal)}; use a time such as "09:30" (two digits each)`,
  },
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
