/**
 * The data contract of a published version: the JSON Schema (2020-12) of the answers a submission
 * of this definition stores (what `finalize` keeps). Delivery channels and receiving systems
 * validate against it; it is served at `/schemas/{tenant}/{service}/{version}/data.json`.
 *
 * Each field type describes its own stored value (`FieldTypeHandler.dataSchema`); this module adds
 * the object around them: titles and descriptions from the German texts, which keys must be
 * present, and which may only be present under a condition.
 *
 * Pure: no I/O, deterministic for a definition and an `$id`.
 */
import { fieldValueInfo, inferValue, type ValueInfo } from '../definition/logic-check.ts';
import { isBlockField, type JsonLogicRule, type ServiceDefinition } from '../definition/types.ts';
import type { JsonSchema } from './fields/contract.ts';
import { handlerFor } from './fields/registry.ts';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * A condition as a schema over the stored answers: `true`/`false` for constants, an object for
 * the rest. `undefined` (in the functions below) means "cannot be expressed exactly".
 */
type Cond = JsonSchema | boolean;

/** What a stored answer is, as far as conditions care; from the field type's data schema. */
export type AnswerKind = 'string' | 'number' | 'boolean' | 'array';
type Kind = AnswerKind;

export function dataSchema(definition: ServiceDefinition, id: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const conditional: JsonSchema[] = [];
  const kinds = new Map<string, Kind>();

  for (const step of definition.steps) {
    const stepShown = step.showIf === undefined ? true : conditionSchema(step.showIf, kinds);
    for (const field of step.fields) {
      const valueSchema = handlerFor(field).dataSchema(field);
      if (valueSchema === null) continue;
      const key = field.key;
      properties[key] = {
        ...('label' in field && { title: field.label.de }),
        ...('hint' in field && field.hint && { description: field.hint.de }),
        ...valueSchema,
      };
      const isRequired =
        ('required' in field && field.required === true) ||
        (field.type === 'group' && (field.minItems ?? 0) > 0);
      const fieldShown = field.showIf === undefined ? true : conditionSchema(field.showIf, kinds);
      const shown =
        stepShown === undefined || fieldShown === undefined ? undefined : and([stepShown, fieldShown]);
      // `finalize` keeps answers of visible fields on applicable steps only, and refuses a submission
      // that lacks a required visible answer. So a required field is present exactly when it is
      // shown, and any field is absent when it is not. A field whose condition cannot be expressed
      // in JSON Schema (see conditionSchema) is simply optional: the schema stays true for every
      // submission, it is only less strict than the engine.
      if (shown === true) {
        if (isRequired) required.push(key);
      } else if (shown === false) {
        conditional.push(absent(key));
      } else if (shown !== undefined) {
        conditional.push({
          if: shown,
          // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword, in plain data.
          ...(isRequired && { then: requires(key) }),
          else: absent(key),
        });
      }
      const kind = kindOf(valueSchema);
      if (kind) kinds.set(key, kind);
    }
  }

  Object.assign(properties, computedProperties(definition));

  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: id,
    title: definition.title.de,
    description: definition.summary.de,
    type: 'object',
    properties,
    ...(required.length > 0 && { required }),
    ...(conditional.length > 0 && { allOf: conditional }),
    additionalProperties: false,
  };
}

const COMPUTED_TYPE: Partial<Record<ValueInfo['type'], JsonSchema>> = {
  int: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  string: { type: 'string' },
  array: { type: 'array', items: { type: 'string' } },
};

/**
 * Computed values are stored with the answers (see `finalize`); each is optional (a null result is
 * left out) and typed when its rule makes the type obvious (arithmetic, comparisons, `cat`).
 */
function computedProperties(definition: ServiceDefinition): Record<string, JsonSchema> {
  const fields = new Map(
    definition.steps.flatMap((step) => step.fields.filter((f) => !isBlockField(f)).map((f) => [f.key, f])),
  );
  const rules = new Map((definition.computed ?? []).map((c) => [c.key, c.rule]));
  const seen = new Map<string, ValueInfo | undefined>();
  const infoOf = (key: string): ValueInfo | undefined => {
    const field = fields.get(key);
    if (field) return fieldValueInfo({ field, alwaysAnswered: false });
    if (!rules.has(key) || seen.has(key)) return seen.get(key);
    seen.set(key, undefined); // guards against cycles, which parse refuses anyway
    const info = inferValue(rules.get(key), '', infoOf, []);
    seen.set(key, info);
    return info;
  };
  const properties: Record<string, JsonSchema> = {};
  for (const c of definition.computed ?? []) {
    const info = infoOf(c.key);
    properties[c.key] = {
      ...(c.label && { title: c.label.de }),
      description: 'Berechneter Wert (computed value)',
      ...(info && COMPUTED_TYPE[info.type]),
    };
  }
  return properties;
}

function kindOf(schema: JsonSchema): Kind | undefined {
  switch (schema.type) {
    case 'string':
    case 'boolean':
    case 'array':
      return schema.type;
    case 'integer':
    case 'number':
      return 'number';
    default:
      return undefined;
  }
}

const SCHEMA_TYPE: Record<Kind, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  array: 'array',
};

/**
 * Translates a JSON Logic rule into a schema that holds exactly when the rule is truthy on stored
 * answers — or returns undefined. Only a small, common subset is translated: comparisons of one
 * earlier answer with a literal (`==`, `===`, `!=`, `!==`, `<`, `<=`, `>`, `>=`), `in` (a value in
 * a literal list, or a literal in a checkbox answer), a bare `var` (truthiness), `!`, `!!`, `and`,
 * `or`. Everything else (arithmetic, `some`, dotted paths, defaults, mixed-type comparisons with
 * JavaScript's coercions) is left out rather than approximated: an approximation could reject a
 * submission the engine accepted.
 *
 * Evaluating on the stored answers is the same as the engine's evaluation during the journey,
 * because rules may only read earlier answers (checked at publish) and the stored answers are
 * exactly the kept ones. A missing answer is `null` to JSON Logic, which the translation follows
 * (e.g. `{"<": [{"var": "n"}, 3]}` holds when `n` is missing, since `null < 3`).
 */
export function conditionSchema(rule: JsonLogicRule, kinds: ReadonlyMap<string, Kind>): Cond | undefined {
  if (rule === null || typeof rule !== 'object') {
    // A literal: its truthiness (JSON Logic: like JavaScript).
    return Boolean(rule);
  }
  if (Array.isArray(rule)) return undefined;
  const ops = Object.keys(rule);
  if (ops.length !== 1) return undefined;
  const op = ops[0] as string;
  const raw = (rule as Record<string, unknown>)[op];
  const args: readonly unknown[] = Array.isArray(raw) ? raw : [raw];

  switch (op) {
    case 'var':
      return truthyVar(rule, kinds);
    case '!':
    case '!!': {
      if (args.length < 1) return undefined;
      const inner = conditionSchema(args[0], kinds);
      if (inner === undefined) return undefined;
      return op === '!' ? not(inner) : inner;
    }
    case 'and':
    case 'or': {
      if (args.length === 0) return undefined;
      const parts = args.map((a) => conditionSchema(a, kinds));
      if (parts.some((p) => p === undefined)) return undefined;
      return op === 'and' ? and(parts as Cond[]) : or(parts as Cond[]);
    }
    case '==':
    case '===':
    case '!=':
    case '!==': {
      if (args.length !== 2) return undefined;
      const eq = equals(args[0], args[1], kinds) ?? equals(args[1], args[0], kinds);
      if (eq === undefined) return undefined;
      return op === '==' || op === '===' ? eq : not(eq);
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (args.length !== 2) return undefined;
      const direct = compare(op, args[0], args[1], kinds);
      if (direct !== undefined) return direct;
      return compare(FLIPPED[op], args[1], args[0], kinds);
    }
    case 'in':
      return inList(args, kinds);
    default:
      return undefined;
  }
}

/** The answer key a `{"var": "key"}` reads, if it is that simple form and the answer's kind is known. */
function varOf(node: unknown, kinds: ReadonlyMap<string, Kind>): { key: string; kind: Kind } | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  let name = (node as { var: unknown }).var;
  if (Array.isArray(name)) {
    if (name.length !== 1) return undefined; // a default value changes the missing case
    name = name[0];
  }
  if (typeof name !== 'string') return undefined;
  const kind = kinds.get(name); // dotted paths and unknown or later keys are not in the map
  return kind === undefined ? undefined : { key: name, kind };
}

function present(key: string, kind: Kind, value: JsonSchema): JsonSchema {
  return { required: [key], properties: { [key]: { type: SCHEMA_TYPE[kind], ...value } } };
}

/**
 * `properties: {key: true}` beside `required` changes nothing for validation; it keeps the schema
 * clean under strict consumers (Ajv's strictRequired wants required keys defined in place).
 */
function requires(key: string): JsonSchema {
  return { required: [key], properties: { [key]: true } };
}

function absent(key: string): JsonSchema {
  return { not: requires(key) };
}

function truthyVar(node: unknown, kinds: ReadonlyMap<string, Kind>): Cond | undefined {
  const v = varOf(node, kinds);
  if (!v) return undefined;
  switch (v.kind) {
    case 'boolean':
      return present(v.key, v.kind, { const: true });
    case 'number':
      return present(v.key, v.kind, { not: { const: 0 } });
    case 'string':
      return present(v.key, v.kind, { minLength: 1 });
    case 'array':
      return present(v.key, v.kind, { minItems: 1 }); // [] is falsy in JSON Logic
  }
}

const LITERAL_KIND: Record<string, Kind | undefined> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
};

/** `var == literal` where both have the same type (so loose and strict equality agree). */
function equals(left: unknown, right: unknown, kinds: ReadonlyMap<string, Kind>): Cond | undefined {
  const v = varOf(left, kinds);
  if (!v || LITERAL_KIND[typeof right] !== v.kind) return undefined;
  if (typeof right === 'number' && !Number.isFinite(right)) return undefined;
  // A missing answer is null, and null equals no string, number or boolean, even loosely.
  return present(v.key, v.kind, { const: right });
}

const FLIPPED = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;
const BOUND = { '<': 'exclusiveMaximum', '<=': 'maximum', '>': 'exclusiveMinimum', '>=': 'minimum' } as const;
const NULL_COMPARES: Record<keyof typeof BOUND, (b: number) => boolean> = {
  // JavaScript compares null as 0.
  '<': (b) => 0 < b,
  '<=': (b) => 0 <= b,
  '>': (b) => 0 > b,
  '>=': (b) => 0 >= b,
};

/** `var OP number` for a number answer. */
function compare(
  op: keyof typeof BOUND,
  left: unknown,
  right: unknown,
  kinds: ReadonlyMap<string, Kind>,
): Cond | undefined {
  const v = varOf(left, kinds);
  if (v?.kind !== 'number' || typeof right !== 'number' || !Number.isFinite(right)) return undefined;
  const whenPresent = present(v.key, v.kind, { [BOUND[op]]: right });
  return NULL_COMPARES[op](right) ? or([whenPresent, absent(v.key)]) : whenPresent;
}

function inList(args: readonly unknown[], kinds: ReadonlyMap<string, Kind>): Cond | undefined {
  if (args.length !== 2) return undefined;
  const [needle, haystack] = args;
  // {"in": [{"var": "x"}, ["a", "b"]]}: the answer is one of the literals.
  const v = varOf(needle, kinds);
  if (v && Array.isArray(haystack) && (v.kind === 'string' || v.kind === 'number')) {
    const same = haystack.filter((h) => LITERAL_KIND[typeof h] === v.kind);
    // Anything else in the list (nested rules, null) could match a missing answer or need evaluating.
    if (same.length !== haystack.length) return undefined;
    return same.length === 0 ? false : present(v.key, v.kind, { enum: same });
  }
  // {"in": ["a", {"var": "list"}]}: a checkbox answer contains the literal.
  const list = varOf(haystack, kinds);
  if (list && list.kind === 'array' && typeof needle === 'string') {
    return present(list.key, list.kind, { contains: { const: needle } });
  }
  return undefined;
}

function not(c: Cond): Cond {
  return typeof c === 'boolean' ? !c : { not: c };
}

function and(parts: Cond[]): Cond {
  if (parts.includes(false)) return false;
  const rest = parts.filter((p): p is JsonSchema => p !== true);
  if (rest.length === 0) return true;
  return rest.length === 1 ? (rest[0] as JsonSchema) : { allOf: rest };
}

function or(parts: Cond[]): Cond {
  if (parts.includes(true)) return true;
  const rest = parts.filter((p): p is JsonSchema => p !== false);
  if (rest.length === 0) return false;
  return rest.length === 1 ? (rest[0] as JsonSchema) : { anyOf: rest };
}
