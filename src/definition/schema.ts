/**
 * JSON Schema (2020-12) of the service definition format, version 1.
 *
 * Kept as a TypeScript module rather than a JSON file because `definition/` must stay free of I/O
 * (it runs in the browser too). `scripts/write-schema.ts` writes `schemas/service-definition.json`
 * from this object for external tools, and a test asserts the file never drifts from it.
 *
 * Fields are a discriminated union on `type`. Each type has its own closed schema, selected with
 * `if`/`then` on `type`, so a bad field yields errors about that type only (not the noise of a
 * `oneOf` trying every branch), and an unknown type yields exactly one `enum` error. The types and
 * their schemas come from the field type table (`field-types/table.ts`, ADR 0020).
 */
import { ASSURANCE_LEVELS } from './assurance-level.ts';
import { easy, ref, text } from './field-types/schema-parts.ts';
import { FIELD_TYPES, fieldTypeFacts, ITEM_FIELD_TYPES } from './field-types/table.ts';
import { prefillSchema } from './prefill.ts';
import type { FieldType } from './types.ts';
import { UID_PATTERN } from './uid.ts';

export { ISO_DATE_PATTERN, MAX_GROUP_ITEMS } from './field-types/schema-parts.ts';

export const FIELD_KEY_PATTERN = '^[a-zA-Z][a-zA-Z0-9_]*$';
export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]*$';
export const LEIKA_PATTERN = '^[0-9]{14}$';

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

/** Each field type's own schema (`$defs/<type>Field`), from the field type table. */
function fieldTypeSchemas() {
  const schemas: Record<string, unknown> = {};
  for (const type of FIELD_TYPES) schemas[`${type}Field`] = fieldTypeFacts[type].schema;
  return schemas as { readonly [T in FieldType as `${T}Field`]: unknown };
}

export const serviceDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://amtsweg.de/schemas/service-definition.json',
  title: 'Amtsweg service definition, format version 2',
  type: 'object',
  required: ['formatVersion', 'id', 'title', 'summary', 'declaration', 'steps', 'local'],
  properties: {
    $schema: { type: 'string' },
    formatVersion: {
      const: 2,
      description:
        'Version of the format. Documents of format 1 are still accepted: they are brought to format 2 before this schema checks them (ADR 0023).',
    },
    id: ref('slug'),
    title: text,
    summary: easy,
    leikaKey: { type: 'string', pattern: LEIKA_PATTERN },
    startPage: ref('startPage'),
    declaration: text,
    steps: { type: 'array', minItems: 1, items: ref('step') },
    computed: { type: 'array', items: ref('computedValue') },
    validations: { type: 'array', items: ref('validation') },
    notes: { type: 'array', items: ref('note') },
    placeholders: {
      type: 'array',
      description: 'Values that must be replaced before publishing (e.g. the office after a FIM import).',
      items: {
        type: 'object',
        required: ['path', 'value'],
        properties: { path: { type: 'string', pattern: '^(/[^/]*)+$', maxLength: 300 }, value: {} },
        additionalProperties: false,
      },
    },
    local: ref('localSettings'),
  },
  additionalProperties: false,
  $defs: {
    prefill: prefillSchema,
    slug: { type: 'string', minLength: 1, maxLength: 80, pattern: SLUG_PATTERN },
    uid: {
      type: 'string',
      pattern: UID_PATTERN,
      description:
        'Stable id of a step or field, kept when its key, label or place changes; derived from the key when absent (ADR 0023).',
    },
    localSettings: {
      type: 'object',
      description: "The municipality's local settings: what it adapts when it copies the service (ADR 0023).",
      required: ['office'],
      properties: {
        office: ref('office'),
        fee: ref('fee'),
        cost: easy,
        nextSteps: {
          ...easy,
          description:
            'What happens after the application is sent (the confirmation page): who processes it, how long it takes, how the applicant hears back. Without it a general text is shown.',
        },
        identity: {
          type: 'object',
          description:
            'Citizen identity (ADR 0036): the Vertrauensniveau the applicant must be logged in with, from the start to the submission. Absent: no login is needed.',
          required: ['level'],
          properties: {
            level: { enum: [...ASSURANCE_LEVELS] },
            schriftformersatz: {
              type: 'boolean',
              description:
                "Schriftformersatz (§ 3a VwVfG, § 9a OZG; ADR 0048): the online application replaces a written form the law requires. The submit needs a login at `level`; publishing refuses a level below the installation's minimum (default hoch).",
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
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
        detail: text,
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
        uid: ref('uid'),
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
    ...fieldTypeSchemas(),
  },
} as const;
