/**
 * JSON Schema (2020-12) of the service definition format, version 1.
 *
 * Kept as a TypeScript module rather than a JSON file because `definition/` must stay free of I/O
 * (it runs in the browser too). `scripts/write-schema.ts` writes `schemas/service-definition.json`
 * from this object for external tools, and a test asserts the file never drifts from it.
 *
 * Fields are a discriminated union on `type`. Each type has its own closed schema, selected with
 * `if`/`then` on `type`, so a bad field yields errors about that type only (not the noise of a
 * `oneOf` trying every branch), and an unknown type yields exactly one `enum` error.
 */
import { FILE_MEDIA_TYPES, type FieldType, MAX_FILE_BYTES, MAX_FILES_PER_FIELD } from './types.ts';

export const FIELD_TYPES: readonly FieldType[] = [
  'text',
  'textarea',
  'number',
  'date',
  'email',
  'phone',
  'select',
  'radio',
  'checkbox',
  'yesno',
  'info',
  'decimal',
  'currency',
  'time',
  'iban',
  'bic',
  'postcode',
  'taxId',
  'declaration',
  'warning',
  'group',
  'address',
  'foreignAddress',
  'file',
];

/** Types allowed inside a repeating group item: groups do not nest. */
export const ITEM_FIELD_TYPES: readonly FieldType[] = FIELD_TYPES.filter((t) => t !== 'group');

/** Upper bound of `maxItems`: keeps one step page and one stored answer reasonably small. */
export const MAX_GROUP_ITEMS = 100;

export const FIELD_KEY_PATTERN = '^[a-zA-Z][a-zA-Z0-9_]*$';
export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]*$';
export const LEIKA_PATTERN = '^[0-9]{14}$';
export const ISO_DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const text = ref('localizedText');
/** A text that may have a Leichte-Sprache version (`ls`); see `EasyText` and ADR 0019. */
const easy = ref('easyText');
const nonNegativeInt = { type: 'integer', minimum: 0 };

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
};

function fieldSchema(extra: Record<string, unknown>, required: string[] = []) {
  return {
    type: 'object',
    required: ['type', 'key', 'label', ...required],
    properties: { ...baseProperties, ...extra },
    additionalProperties: false,
  };
}

const options = { type: 'array', minItems: 1, items: ref('option') };

/** A discriminated union on `type` over the given field types (see the module comment). */
function fieldUnion(types: readonly FieldType[]) {
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types } },
    allOf: types.map((t) => ({
      if: { type: 'object', required: ['type'], properties: { type: { const: t } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable.
      then: ref(`${t}Field`),
    })),
  };
}

/**
 * Choice fields take inline `options` or a `codeList` (which publishing turns into `options`, the
 * snapshot). That one of the two is present is checked in semantic.ts: an `anyOf` of `required`
 * would trip Ajv's strict mode and give two vague errors instead of one clear one.
 */
function choiceSchema(extra: Record<string, unknown>, minOptions: number) {
  return fieldSchema({ options: { ...options, minItems: minOptions }, codeList: ref('codeList'), ...extra });
}

export const serviceDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://amtsweg.de/schemas/service-definition.json',
  title: 'Amtsweg service definition, format version 1',
  type: 'object',
  required: ['formatVersion', 'id', 'title', 'summary', 'office', 'declaration', 'steps'],
  properties: {
    $schema: { type: 'string' },
    formatVersion: { const: 1 },
    id: ref('slug'),
    title: text,
    summary: easy,
    leikaKey: { type: 'string', pattern: LEIKA_PATTERN },
    office: ref('office'),
    startPage: ref('startPage'),
    declaration: text,
    steps: { type: 'array', minItems: 1, items: ref('step') },
    computed: { type: 'array', items: ref('computedValue') },
    validations: { type: 'array', items: ref('validation') },
    fee: ref('fee'),
    notes: { type: 'array', items: ref('note') },
  },
  additionalProperties: false,
  $defs: {
    slug: { type: 'string', minLength: 1, maxLength: 80, pattern: SLUG_PATTERN },
    fieldKey: { type: 'string', minLength: 1, maxLength: 64, pattern: FIELD_KEY_PATTERN },
    localizedText: {
      type: 'object',
      required: ['de'],
      properties: {
        de: { type: 'string', minLength: 1 },
        en: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
    easyText: {
      type: 'object',
      required: ['de'],
      properties: {
        de: { type: 'string', minLength: 1 },
        en: { type: 'string', minLength: 1 },
        ls: {
          type: 'string',
          minLength: 1,
          description:
            'Leichte Sprache: the German text in the rules of the Netzwerk Leichte Sprache, shown instead of `de` to citizens who chose Leichte Sprache.',
        },
      },
      additionalProperties: false,
    },
    fimReference: {
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 100 },
        version: { type: 'string', minLength: 1, maxLength: 50 },
      },
      additionalProperties: false,
    },
    note: {
      type: 'object',
      required: ['source', 'text'],
      properties: {
        source: { type: 'string', minLength: 1 },
        text: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
    validation: {
      type: 'object',
      required: ['id', 'rule', 'message', 'fields'],
      properties: {
        id: ref('fieldKey'),
        rule: ref('rule'),
        message: text,
        fields: { type: 'array', minItems: 1, items: ref('fieldKey') },
      },
      additionalProperties: false,
    },
    computedValue: {
      type: 'object',
      required: ['key', 'rule'],
      properties: { key: ref('fieldKey'), rule: ref('rule'), label: text },
      additionalProperties: false,
    },
    fee: {
      type: 'object',
      required: ['rule', 'label'],
      properties: { rule: ref('rule'), label: text },
      additionalProperties: false,
    },
    /** Any JSON value; operators and field references are checked by `parse`, not by the schema. */
    rule: {},
    office: {
      type: 'object',
      required: ['name'],
      properties: {
        name: text,
        email: { type: 'string', pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' },
        phone: { type: 'string', minLength: 1 },
        address: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
    startPage: {
      type: 'object',
      properties: {
        whatYouNeed: { type: 'array', items: easy },
        cost: easy,
        duration: easy,
        description: easy,
      },
      additionalProperties: false,
    },
    option: {
      type: 'object',
      required: ['value', 'label'],
      properties: {
        value: { type: 'string', minLength: 1, maxLength: 100 },
        label: text,
      },
      additionalProperties: false,
    },
    pattern: {
      type: 'object',
      required: ['regex', 'message'],
      properties: {
        regex: { type: 'string', minLength: 1 },
        message: text,
      },
      additionalProperties: false,
    },
    step: {
      type: 'object',
      required: ['id', 'title', 'fields'],
      properties: {
        id: ref('slug'),
        title: text,
        description: easy,
        showIf: ref('rule'),
        fields: { type: 'array', minItems: 1, items: ref('field') },
        validations: { type: 'array', items: ref('validation') },
        fim: ref('fimReference'),
      },
      additionalProperties: false,
    },
    field: fieldUnion(FIELD_TYPES),
    itemField: fieldUnion(ITEM_FIELD_TYPES),
    groupField: {
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
      },
      additionalProperties: false,
    },
    textField: fieldSchema({
      minLength: nonNegativeInt,
      maxLength: nonNegativeInt,
      pattern: ref('pattern'),
      autocomplete: { type: 'string', pattern: '^[a-z0-9 -]+$' },
    }),
    textareaField: fieldSchema({ minLength: nonNegativeInt, maxLength: nonNegativeInt }),
    numberField: fieldSchema({
      min: { type: 'number' },
      max: { type: 'number' },
      integer: { type: 'boolean' },
    }),
    dateField: fieldSchema({
      min: { type: 'string', pattern: ISO_DATE_PATTERN },
      max: { type: 'string', pattern: ISO_DATE_PATTERN },
      notInFuture: { type: 'boolean' },
      notInPast: { type: 'boolean' },
      minAgeYears: { type: 'integer', minimum: 0, maximum: 150 },
      maxAgeYears: { type: 'integer', minimum: 0, maximum: 150 },
    }),
    decimalField: fieldSchema({
      min: { type: 'number' },
      max: { type: 'number' },
      decimals: { type: 'integer', minimum: 0, maximum: 10 },
    }),
    currencyField: fieldSchema({ min: { type: 'integer' }, max: { type: 'integer' } }),
    timeField: fieldSchema({}),
    ibanField: fieldSchema({}),
    bicField: fieldSchema({}),
    postcodeField: fieldSchema({}),
    taxIdField: fieldSchema({}),
    // Always required, so `required` is not one of its properties.
    declarationField: {
      type: 'object',
      required: ['type', 'key', 'label', 'text'],
      properties: {
        type: { type: 'string' },
        key: ref('fieldKey'),
        label: text,
        hint: easy,
        showIf: ref('rule'),
        text,
      },
      additionalProperties: false,
    },
    emailField: fieldSchema({}),
    phoneField: fieldSchema({}),
    selectField: choiceSchema({ search: { type: 'boolean' } }, 1),
    radioField: choiceSchema({}, 2),
    checkboxField: choiceSchema({ minSelected: nonNegativeInt, maxSelected: nonNegativeInt }, 1),
    codeList: {
      type: 'object',
      required: ['uri'],
      properties: {
        uri: { type: 'string', minLength: 1, maxLength: 300 },
        version: { type: 'string', minLength: 1, maxLength: 100 },
        codeColumn: { type: 'string', minLength: 1, maxLength: 100 },
        labelColumn: { type: 'string', minLength: 1, maxLength: 100 },
      },
      additionalProperties: false,
    },
    addressField: fieldSchema({}),
    foreignAddressField: fieldSchema({}),
    fileField: fieldSchema({
      accept: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: FILE_MEDIA_TYPES } },
      maxSizeBytes: { type: 'integer', minimum: 1, maximum: MAX_FILE_BYTES },
      maxFiles: { type: 'integer', minimum: 1, maximum: MAX_FILES_PER_FIELD },
    }),
    yesnoField: fieldSchema({}),
    infoField: {
      type: 'object',
      required: ['type', 'key', 'text'],
      properties: {
        type: { type: 'string' },
        key: ref('fieldKey'),
        text: easy,
        showIf: ref('rule'),
        fim: ref('fimReference'),
      },
      additionalProperties: false,
    },
    warningField: {
      type: 'object',
      required: ['type', 'key', 'text'],
      properties: {
        type: { type: 'string' },
        key: ref('fieldKey'),
        title: easy,
        text: easy,
        showIf: ref('rule'),
        fim: ref('fimReference'),
      },
      additionalProperties: false,
    },
  },
} as const;
