/** `yesno`: a yes/no question; the answer is `true` or `false`. */
import type { YesNoField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { yesNoOperand } from './operands.ts';
import { fieldSchema } from './schema-parts.ts';

export const yesnoFacts: FieldTypeFacts<YesNoField> = {
  schema: fieldSchema({}),
  operand: yesNoOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
