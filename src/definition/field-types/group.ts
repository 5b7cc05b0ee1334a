/**
 * `group`: a repeating group; the answer is a list of items, one record each (ADR 0014). Its item
 * fields are checked and converted by their own types' facts, which the table passes in (a
 * function, so there is no import cycle between this module and the table).
 */
import type { EasyText, GroupField, ItemField } from '../types.ts';
import type { AnyFieldTypeFacts, FieldTypeFacts } from './facts.ts';
import { checkLimits } from './limits.ts';
import { describe } from './operands.ts';
import { easy, MAX_GROUP_ITEMS, ref, text } from './schema-parts.ts';

export function groupFacts(factsOf: (field: ItemField) => AnyFieldTypeFacts): FieldTypeFacts<GroupField> {
  const itemEasyTexts = (field: ItemField, convert: (text: EasyText) => EasyText) =>
    factsOf(field).easyTexts(field, convert) as ItemField;
  return {
    schema: {
      type: 'object',
      required: ['type', 'key', 'label', 'itemLabel', 'maxItems', 'fields'],
      properties: {
        type: { type: 'string' },
        key: ref('fieldKey'),
        label: text,
        hint: easy,
        itemLabel: text,
        addLabel: text,
        minItems: { type: 'integer', minimum: 0, maximum: MAX_GROUP_ITEMS },
        maxItems: { type: 'integer', minimum: 1, maximum: MAX_GROUP_ITEMS },
        showIf: ref('rule'),
        fields: { type: 'array', minItems: 1, items: ref('itemField') },
        fim: ref('fimReference'),
        uid: ref('uid'),
      },
      additionalProperties: false,
    },
    operand: {
      value: () => ({ type: 'array', nonNegative: true }),
      mismatch: (field, literal) =>
        `compares repeating group '${field.key}' (a list of items) with ${describe(literal)}; read its items with some, all, none, filter, map or reduce`,
    },
    inGroupItem: {
      notInSchema: 'repeating groups cannot be nested; a group item may hold any other field type',
    },
    check(field, path, problems) {
      checkLimits(problems, path, field.minItems, field.maxItems, 'minItems', 'maxItems');
    },
    easyTexts: (field, convert) => ({
      ...field,
      ...(field.hint && { hint: convert(field.hint) }),
      fields: field.fields.map((item) => itemEasyTexts(item, convert)),
    }),
  };
}
