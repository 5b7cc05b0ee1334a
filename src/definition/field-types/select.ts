/** `select`: one option from a drop-down, or from a searchable input for a long list. */
import type { SelectField } from '../types.ts';
import { checkOptions } from './choice-checks.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { singleChoiceOperand } from './operands.ts';
import { choiceSchema } from './schema-parts.ts';

export const selectFacts: FieldTypeFacts<SelectField> = {
  schema: choiceSchema({ search: { type: 'boolean' } }, 1),
  operand: singleChoiceOperand,
  inGroupItem: 'allowed',
  check(field, path, problems) {
    // A long list becomes a searchable input (ADR 0015), so any length is fine.
    checkOptions(field, path, problems, true);
  },
  easyTexts: hintOnly,
};
