/** `textarea`: several lines of text, optionally with length limits. */
import type { TextareaField } from '../types.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { checkLimits } from './limits.ts';
import { textOperand } from './operands.ts';
import { fieldSchema, nonNegativeInt } from './schema-parts.ts';

export const textareaFacts: FieldTypeFacts<TextareaField> = {
  schema: fieldSchema({ minLength: nonNegativeInt, maxLength: nonNegativeInt }),
  operand: textOperand,
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkLimits(problems, path, field.minLength, field.maxLength, 'minLength', 'maxLength');
  },
  easyTexts: hintOnly,
};
