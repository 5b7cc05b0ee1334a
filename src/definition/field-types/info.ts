/** `info`: a block of explanatory text (a safe Markdown subset); no label, no answer. */
import type { InfoField } from '../types.ts';
import { type FieldTypeFacts, nothingToCheck } from './facts.ts';
import { easy, ref } from './schema-parts.ts';

export const infoFacts: FieldTypeFacts<InfoField> = {
  schema: {
    type: 'object',
    required: ['type', 'key', 'text'],
    properties: {
      type: { type: 'string' },
      key: ref('fieldKey'),
      text: easy,
      showIf: ref('rule'),
      fim: ref('fimReference'),
      uid: ref('uid'),
    },
    additionalProperties: false,
  },
  operand: null,
  inGroupItem: 'allowed',
  check: nothingToCheck,
  easyTexts: (field, convert) => ({ ...field, text: convert(field.text) }),
};
