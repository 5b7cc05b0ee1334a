/**
 * Rules as pickers (ADR 0046): a JSON Logic condition read as what a designer chooses — a field,
 * an operator, a value, joined in "and"/"or" groups — and written back. Only the forms the builder
 * offers are read, each operator from exactly one JSON Logic form, so reading and writing back
 * gives the very rule that was read (the round trip is the identity). Anything else is "not
 * representable" and stays editable as JSON, never rewritten and never lost.
 *
 * Pure. The sentence of a rule ("Zeige *Sachkundenachweis*, wenn *Listenhund* = Ja") is built by
 * the web layer from `describePickers`' structured parts, with the texts in its catalogues.
 */
import { varKey } from '../rule-refs.ts';
import type { Field, JsonLogicRule, LocalizedText, ServiceDefinition } from '../types.ts';

/** What a condition tests; each has one JSON Logic form (see `toJsonLogic`). */
export const OPERATORS = [
  'equals',
  'notEquals',
  'lessThan',
  'lessOrEqual',
  'greaterThan',
  'greaterOrEqual',
  'oneOf',
  'contains',
  'isTrue',
  'isFalse',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** A value a condition compares with: what a JSON Logic literal of the builder can be. */
export type PickerValue = string | number | boolean;

/** The operators that compare a field with a value or with another field. */
export type Comparison = Exclude<Operator, 'isTrue' | 'isFalse' | 'oneOf' | 'contains'>;

export type Condition =
  | { kind: 'condition'; field: string; operator: 'isTrue' | 'isFalse' }
  | { kind: 'condition'; field: string; operator: 'oneOf'; values: string[] }
  | {
      kind: 'condition';
      field: string;
      operator: Exclude<Operator, 'isTrue' | 'isFalse' | 'oneOf'>;
      value: PickerValue;
    }
  /** A field compared with another field (`{"<": [{"var": a}, {"var": b}]}`): cross-field checks. */
  | { kind: 'condition'; field: string; operator: Comparison; other: string };

export interface Group {
  kind: 'group';
  join: 'and' | 'or';
  items: PickerNode[];
}

export type PickerNode = Condition | Group;

export type ReadResult = { ok: true; node: PickerNode } | { ok: false; reason: 'not-representable' };

const COMPARISONS: Record<string, Comparison> = {
  '==': 'equals',
  '!=': 'notEquals',
  '<': 'lessThan',
  '<=': 'lessOrEqual',
  '>': 'greaterThan',
  '>=': 'greaterOrEqual',
};
const SYMBOL: Record<Comparison, string> = {
  equals: '==',
  notEquals: '!=',
  lessThan: '<',
  lessOrEqual: '<=',
  greaterThan: '>',
  greaterOrEqual: '>=',
};

const isPlainVar = (node: unknown): node is { var: string } => {
  const found = varKey(node);
  return (
    found !== undefined &&
    !found.hasDefault &&
    typeof (node as { var: unknown }).var === 'string' &&
    Object.keys(node as object).length === 1
  );
};
const isScalar = (v: unknown): v is PickerValue =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The one operator of a JSON Logic node with its arguments, or nothing when it is not one. */
function operation(rule: unknown): { op: string; args: unknown } | undefined {
  if (!isObject(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return undefined;
  const op = keys[0] as string;
  return { op, args: rule[op] };
}

function read(rule: unknown): PickerNode | undefined {
  if (isPlainVar(rule)) return { kind: 'condition', field: rule.var, operator: 'isTrue' };
  const node = operation(rule);
  if (!node) return undefined;
  const { op, args } = node;
  if (op === '!' && isPlainVar(args)) return { kind: 'condition', field: args.var, operator: 'isFalse' };
  if ((op === 'and' || op === 'or') && Array.isArray(args) && args.length > 0) {
    const items: PickerNode[] = [];
    for (const item of args) {
      const read1 = read(item);
      if (!read1) return undefined;
      items.push(read1);
    }
    return { kind: 'group', join: op, items };
  }
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [a, b] = args as [unknown, unknown];
  const comparison = COMPARISONS[op];
  if (comparison && isPlainVar(a) && isScalar(b)) {
    return { kind: 'condition', field: a.var, operator: comparison, value: b };
  }
  if (comparison && isPlainVar(a) && isPlainVar(b)) {
    return { kind: 'condition', field: a.var, operator: comparison, other: b.var };
  }
  if (op === 'in') {
    if (isPlainVar(a) && Array.isArray(b) && b.length > 0 && b.every((v) => typeof v === 'string')) {
      return { kind: 'condition', field: a.var, operator: 'oneOf', values: [...(b as string[])] };
    }
    if (isPlainVar(b) && typeof a === 'string') {
      return { kind: 'condition', field: b.var, operator: 'contains', value: a };
    }
  }
  return undefined;
}

/** A rule as pickers, or why not. An absent rule has no pickers either (the caller shows none). */
export function readPickers(rule: JsonLogicRule): ReadResult {
  const node = read(rule);
  return node ? { ok: true, node } : { ok: false, reason: 'not-representable' };
}

/** The JSON Logic of pickers: the inverse of `readPickers` for every rule it reads. */
export function toJsonLogic(node: PickerNode): JsonLogicRule {
  if (node.kind === 'group') return { [node.join]: node.items.map(toJsonLogic) };
  const v = { var: node.field };
  switch (node.operator) {
    case 'isTrue':
      return v;
    case 'isFalse':
      return { '!': v };
    case 'oneOf':
      return { in: [v, [...node.values]] };
    case 'contains':
      return { in: [node.value, v] };
    default:
      return 'other' in node
        ? { [SYMBOL[node.operator]]: [v, { var: node.other }] }
        : { [SYMBOL[node.operator]]: [v, node.value] };
  }
}

// ---------------------------------------------------------------------------------------------
// What a sentence of the rule names: field labels and option labels instead of keys and values.

/** A value as the sentence shows it: an option's label, yes/no, or the value itself. */
export type ValueWords =
  | { kind: 'option'; label: LocalizedText }
  /** Another field, by its label (or key when there is no such field). */
  | { kind: 'field'; label: LocalizedText }
  | { kind: 'yes' | 'no' }
  | { kind: 'literal'; text: string };

export type SentencePart =
  | {
      kind: 'condition';
      /** The field's label, or its key when the definition has no such field. */
      field: LocalizedText;
      operator: Operator;
      values: ValueWords[];
    }
  | { kind: 'group'; join: 'and' | 'or'; items: SentencePart[] };

function answerFields(definition: ServiceDefinition): Map<string, Field> {
  const found = new Map<string, Field>();
  for (const step of definition.steps) {
    for (const field of step.fields) {
      found.set(field.key, field);
      if (field.type === 'group') for (const item of field.fields) found.set(item.key, item);
    }
  }
  return found;
}

function words(field: Field | undefined, value: PickerValue): ValueWords {
  if (typeof value === 'boolean') return { kind: value ? 'yes' : 'no' };
  const option =
    field && 'options' in field ? field.options.find((o) => o.value === String(value)) : undefined;
  return option ? { kind: 'option', label: option.label } : { kind: 'literal', text: String(value) };
}

/** The parts of the sentence of pickers, with the labels of the definition's fields and options. */
export function describePickers(node: PickerNode, definition: ServiceDefinition): SentencePart {
  const fields = answerFields(definition);
  const describe = (n: PickerNode): SentencePart => {
    if (n.kind === 'group') return { kind: 'group', join: n.join, items: n.items.map(describe) };
    const labelOf = (key: string): LocalizedText => {
      const field = fields.get(key);
      return field && 'label' in field
        ? field.label
        : (definition.computed?.find((c) => c.key === key)?.label ?? { de: key });
    };
    const field = fields.get(n.field);
    const values: ValueWords[] =
      'values' in n
        ? n.values.map((v) => words(field, v))
        : 'value' in n
          ? [words(field, n.value)]
          : 'other' in n
            ? [{ kind: 'field', label: labelOf(n.other) }]
            : [];
    return { kind: 'condition', field: labelOf(n.field), operator: n.operator, values };
  };
  return describe(node);
}
