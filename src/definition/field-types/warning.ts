/** `warning`: like `info`, shown as a warning, with an optional title. */
import type { WarningField } from '../types.ts';
import { type FieldTypeFacts, nothingToCheck } from './facts.ts';
import { easy, ref } from './schema-parts.ts';

export const warningFacts: FieldTypeFacts<WarningField> = {
  schema: {
    type: 'object',
    required: ['type', 'key', 'text'],
    properties: {
      type: { type: 'string' },
      key: ref('fieldKey'),
      title: easy,
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
  easyTexts: (field, convert) => ({
    ...field,
    text: convert(field.text),
    ...(field.title && { title: convert(field.title) }),
  }),
};
