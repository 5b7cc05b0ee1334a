/** `declaration`: one checkbox the applicant must tick; the answer is `true`. */
import type { DeclarationField } from '../types.ts';
import { type FieldTypeFacts, hintOnly, nothingToCheck } from './facts.ts';
import { yesNoOperand } from './operands.ts';
import { easy, ref, text } from './schema-parts.ts';

export const declarationFacts: FieldTypeFacts<DeclarationField> = {
  // Always required, so `required` is not one of its properties.
  schema: {
    type: 'object',
    required: ['type', 'key', 'label', 'text'],
    properties: {
      type: { type: 'string' },
      key: ref('fieldKey'),
      label: text,
      hint: easy,
      showIf: ref('rule'),
      text,
      uid: ref('uid'),
    },
    additionalProperties: false,
  },
  operand: yesNoOperand,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: hintOnly,
};
