/** `radio`: one option of at least two, shown as radios. */
import type { RadioField } from '../types.ts';
import { checkOptions } from './choice-checks.ts';
import { type FieldTypeFacts, hintOnly } from './facts.ts';
import { singleChoiceOperand } from './operands.ts';
import { choiceSchema } from './schema-parts.ts';

export const radioFacts: FieldTypeFacts<RadioField> = {
  schema: choiceSchema({}, 2),
  operand: singleChoiceOperand,
  inGroupItem: 'allowed',
  check(field, path, problems) {
    checkOptions(field, path, problems, false);
  },
  easyTexts: hintOnly,
};
