/**
 * Building blocks of the definition format's JSON Schema, shared by `schema.ts` and the schema
 * fragment of each field type (`field-types/*.ts`).
 */

/** Upper bound of `maxItems`: keeps one step page and one stored answer reasonably small. */
export const MAX_GROUP_ITEMS = 100;

export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
export const text = ref('localizedText');
/** A text that may have a Leichte-Sprache version (`ls`); see `EasyText` and ADR 0019. */
export const easy = ref('easyText');
export const nonNegativeInt = { type: 'integer', minimum: 0 };

/** Properties every answer field shares. */
const baseProperties = {
  type: { type: 'string' },
  key: ref('fieldKey'),
  label: text,
  hint: easy,
  showIf: ref('rule'),
  required: { type: 'boolean' },
  requiredIf: ref('rule'),
  fim: ref('fimReference'),
  uid: ref('uid'),
};

/** The closed schema of an answer field: the shared properties plus the type's own. */
export function fieldSchema(extra: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['type', 'key', 'label'],
    properties: { ...baseProperties, ...extra },
    additionalProperties: false,
  };
}

const options = { type: 'array', minItems: 1, items: ref('option') };

/**
 * Choice fields take inline `options` or a `codeList` (which publishing turns into `options`, the
 * snapshot). That one of the two is present is checked at publish (`choice-checks.ts`): an
 * `anyOf` of `required` would trip Ajv's strict mode and give two vague errors instead of one
 * clear one.
 */
export function choiceSchema(extra: Record<string, unknown>, minOptions: number) {
  return fieldSchema({ options: { ...options, minItems: minOptions }, codeList: ref('codeList'), ...extra });
}
