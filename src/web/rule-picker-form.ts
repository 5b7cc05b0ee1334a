/**
 * The rule builder's form (ADR 0046): the posted rows of a condition — field, operator, value,
 * and "and"/"or" groups — read into a form state, changed by the form's buttons (add a condition,
 * add a group, remove one) without JavaScript, and checked against the fields the rule may read
 * before it becomes pickers and JSON Logic (`definition/edit/rule-pickers.ts`).
 *
 * Names in the form: the root group is `b`, its items `b.0`, `b.1`, a group's items `b.1.0`, …;
 * each item says what it is (`<name>.art`), a group its join (`<name>.verknuepfung`), a condition
 * its field by stable id (`<name>.feld`), operator (`<name>.operator`) and value (`<name>.wert`,
 * several for "one of"). Fields are named by uid, so renaming a key never breaks a form in flight.
 *
 * A post this editor's pages never send (an item without its parent, too deep, too many) is a bad
 * request; what a designer can get wrong (no field, an operator that does not fit, a value of the
 * wrong type) is an error at its row, and nothing is saved.
 */
import {
  type Comparison,
  OPERATORS,
  type Operator,
  type PickerNode,
  type PickerValue,
  readPickers,
  toJsonLogic,
} from '../definition/edit/rule-pickers.ts';
import type { PostedForm } from '../definition/edit/settings.ts';
import { isValidIsoDate } from '../definition/iso-date.ts';
import type { Field, JsonLogicRule } from '../definition/types.ts';

export interface FormCondition {
  kind: 'condition';
  /** The uid of the field, or empty when none is chosen yet. */
  field: string;
  /** An operator as posted; checked against the field's type on save. */
  operator: string;
  /** The value as typed or chosen, and every value posted (for "one of"). */
  value: string;
  values: string[];
  /** What the field is compared with: a value, or another field (where the page offers it). */
  compare: 'wert' | 'feld';
  /** The uid of the other field, when compared with one. */
  other: string;
}

/**
 * What a page's conditions may do beyond the rule builder's rows: compare a field with another
 * field (the cross-field checks' page; conditions for showing keep their values).
 */
export interface RuleFormOptions {
  compareFields?: boolean;
}

export interface FormGroup {
  kind: 'group';
  join: 'and' | 'or';
  items: FormNode[];
}

export type FormNode = FormCondition | FormGroup;

/** The whole form: the root group, and whether the rule was a group itself (kept when saved). */
export interface RuleForm {
  root: FormGroup;
  rootIsGroup: boolean;
}

export const ROOT = 'b';
/** Groups nest at most this deep below the root (as the pickers of real rules do). */
export const MAX_DEPTH = 3;
/** More rows than any condition a designer builds; a post with more is not this editor's. */
export const MAX_ROWS = 40;
const MAX_TEXT = 500;

export const emptyCondition = (): FormCondition => ({
  kind: 'condition',
  field: '',
  operator: '',
  value: '',
  values: [],
  compare: 'wert',
  other: '',
});

export const emptyForm = (): RuleForm => ({
  root: { kind: 'group', join: 'and', items: [emptyCondition()] },
  rootIsGroup: false,
});

/** The form name of the item at `path` (`[]` is the root). */
export const nameOf = (path: readonly number[]): string => [ROOT, ...path].join('.');

// ---------------------------------------------------------------------------------------------
// What a field offers: the operators that fit its type and how its value is chosen.

/** How a condition's value is given for a field: that decides the operators and the control. */
export type ValueKind = 'boolean' | 'option' | 'multi' | 'number' | 'date' | 'text';

export function valueKind(field: Field): ValueKind | undefined {
  switch (field.type) {
    case 'yesno':
      return 'boolean';
    case 'select':
    case 'radio':
      return 'option';
    case 'checkbox':
      return 'multi';
    case 'number':
    case 'decimal':
    case 'currency':
      return 'number';
    case 'date':
      return 'date';
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'iban':
    case 'bic':
    case 'postcode':
    case 'licensePlate':
    case 'taxId':
    case 'time':
      return 'text';
    default:
      return undefined;
  }
}

/**
 * The operators offered for a kind of value. "Is given"/"is empty" (`isTrue`/`isFalse`) are left
 * out for numbers: JSON Logic counts 0 as empty, which no designer would expect.
 */
export const OPERATORS_FOR: Record<ValueKind, readonly Operator[]> = {
  boolean: ['equals', 'notEquals', 'isTrue', 'isFalse'],
  option: ['equals', 'notEquals', 'oneOf', 'isTrue', 'isFalse'],
  multi: ['contains', 'isTrue', 'isFalse'],
  number: ['equals', 'notEquals', 'lessThan', 'lessOrEqual', 'greaterThan', 'greaterOrEqual'],
  date: [
    'equals',
    'notEquals',
    'lessThan',
    'lessOrEqual',
    'greaterThan',
    'greaterOrEqual',
    'isTrue',
    'isFalse',
  ],
  text: ['equals', 'notEquals', 'isTrue', 'isFalse'],
};

export const isOperator = (value: string): value is Operator =>
  (OPERATORS as readonly string[]).includes(value);
export const needsValue = (operator: string): boolean => operator !== 'isTrue' && operator !== 'isFalse';

/** The operators that may compare a field with another field. */
export const COMPARISONS: readonly Comparison[] = [
  'equals',
  'notEquals',
  'lessThan',
  'lessOrEqual',
  'greaterThan',
  'greaterOrEqual',
];
export const isComparison = (operator: string): operator is Comparison =>
  (COMPARISONS as readonly string[]).includes(operator);

/** The fields a field may be compared with: the others whose answers are of its kind. */
export function comparableFields(fields: readonly Field[], field: Field): Field[] {
  const kind = valueKind(field);
  return fields.filter((f) => f.uid !== field.uid && kind !== undefined && valueKind(f) === kind);
}

// ---------------------------------------------------------------------------------------------
// Reading a post.

export type ParseResult = { ok: true; form: RuleForm } | { ok: false; reason: string };

const ITEM = new RegExp(`^${ROOT}((?:\\.\\d{1,2}){1,${MAX_DEPTH}})\\.art$`);

function all(form: PostedForm, name: string): string[] {
  const v = form[name];
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : [...v];
}
const one = (form: PostedForm, name: string): string => all(form, name)[0] ?? '';

function joinOf(form: PostedForm, name: string): 'and' | 'or' | undefined {
  const join = one(form, `${name}.verknuepfung`);
  return join === 'and' || join === 'or' ? join : undefined;
}

const byPath = (a: readonly number[], b: readonly number[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

/** The form state of a post of the rule page. */
export function parseRuleForm(form: PostedForm): ParseResult {
  const rootJoin = joinOf(form, ROOT);
  if (!rootJoin) return { ok: false, reason: 'the form names no join of its conditions' };
  const paths: number[][] = [];
  for (const key of Object.keys(form)) {
    const match = ITEM.exec(key);
    if (match) paths.push(match[1]!.slice(1).split('.').map(Number));
    else if (key.startsWith(`${ROOT}.`) && key.endsWith('.art')) {
      return { ok: false, reason: `${key} is nested too deep or not a name of this form` };
    }
  }
  if (paths.length > MAX_ROWS) return { ok: false, reason: `more than ${MAX_ROWS} conditions` };
  paths.sort(byPath);
  const root: FormGroup = { kind: 'group', join: rootJoin, items: [] };
  const groups = new Map<string, FormGroup>([[ROOT, root]]);
  for (const path of paths) {
    const name = nameOf(path);
    const parent = groups.get(nameOf(path.slice(0, -1)));
    if (!parent) return { ok: false, reason: `condition ${name} is not in a group` };
    const art = one(form, `${name}.art`);
    if (art === 'gruppe') {
      const join = joinOf(form, name);
      if (!join) return { ok: false, reason: `group ${name} names no join` };
      const group: FormGroup = { kind: 'group', join, items: [] };
      groups.set(name, group);
      parent.items.push(group);
    } else if (art === 'bedingung') {
      const values = all(form, `${name}.wert`);
      const texts = [
        one(form, `${name}.feld`),
        one(form, `${name}.operator`),
        one(form, `${name}.anderes`),
        ...values,
      ];
      if (texts.some((text) => text.length > MAX_TEXT) || values.length > 200) {
        return { ok: false, reason: `condition ${name} is too long` };
      }
      parent.items.push({
        kind: 'condition',
        field: one(form, `${name}.feld`),
        operator: one(form, `${name}.operator`),
        value: values[0] ?? '',
        values,
        compare: one(form, `${name}.vergleich`) === 'feld' ? 'feld' : 'wert',
        other: one(form, `${name}.anderes`),
      });
    } else return { ok: false, reason: `unknown kind of condition ${name}` };
  }
  return { ok: true, form: { root, rootIsGroup: one(form, `${ROOT}.wurzel`) === 'gruppe' } };
}

// ---------------------------------------------------------------------------------------------
// The buttons that change the form without saving.

export type FormAction =
  | { kind: 'save' }
  | { kind: 'refresh' }
  | { kind: 'save-json' }
  /** From a rule that stays JSON to an empty picker form (nothing saved until saved). */
  | { kind: 'start-pickers' }
  | { kind: 'add-condition' | 'add-group' | 'remove'; path: number[] };

const ACTION = /^(bedingung|gruppe|entfernen):b((?:\.\d{1,2}){0,3})$/;

export function parseAction(value: string): FormAction | undefined {
  if (value === 'speichern') return { kind: 'save' };
  if (value === 'aktualisieren') return { kind: 'refresh' };
  if (value === 'json-speichern') return { kind: 'save-json' };
  if (value === 'auswahl') return { kind: 'start-pickers' };
  const match = ACTION.exec(value);
  if (!match) return undefined;
  const path = match[2] ? match[2].slice(1).split('.').map(Number) : [];
  const kind = match[1] === 'bedingung' ? 'add-condition' : match[1] === 'gruppe' ? 'add-group' : 'remove';
  return { kind, path };
}

/** Whether a group at `path` may get a group: its first row is two levels below. */
export const canAddGroup = (path: readonly number[]): boolean => path.length + 2 <= MAX_DEPTH;

const countRows = (node: FormNode): number =>
  node.kind === 'group' ? 1 + node.items.reduce((n, item) => n + countRows(item), 0) : 1;

/** The form after an add or remove button; undefined when the button names nothing there. */
export function applyAction(
  form: RuleForm,
  action: Extract<FormAction, { path: number[] }>,
): RuleForm | undefined {
  const next = structuredClone(form);
  const at = (path: readonly number[]): FormNode | undefined => {
    let node: FormNode = next.root;
    for (const index of path) {
      if (node.kind !== 'group') return undefined;
      const child: FormNode | undefined = node.items[index];
      if (!child) return undefined;
      node = child;
    }
    return node;
  };
  if (action.kind === 'remove') {
    if (action.path.length === 0) return undefined;
    const parent = at(action.path.slice(0, -1));
    const index = action.path[action.path.length - 1]!;
    if (parent?.kind !== 'group' || !parent.items[index]) return undefined;
    parent.items.splice(index, 1);
    return next;
  }
  const group = at(action.path);
  if (group?.kind !== 'group' || countRows(next.root) >= MAX_ROWS) return undefined;
  if (action.kind === 'add-condition') group.items.push(emptyCondition());
  else {
    // The new group and its first row must both fit in the depth a post may have.
    if (!canAddGroup(action.path)) return undefined;
    // A group in a group joins the other way: "a and (b or c)" is what a group is for.
    group.items.push({ kind: 'group', join: group.join === 'and' ? 'or' : 'and', items: [emptyCondition()] });
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// Checking the form and making pickers of it, and the reverse.

export type RowErrorCode =
  | 'field-missing'
  | 'field-unknown'
  | 'operator-invalid'
  | 'value-missing'
  | 'value-number'
  | 'value-date'
  | 'value-option'
  | 'value-boolean'
  | 'group-empty'
  | 'other-missing'
  | 'other-unknown';

export interface RowError {
  /** The form name of the row (`b.0.1`). */
  name: string;
  /** The control the error is at. */
  part: 'feld' | 'operator' | 'wert' | 'art' | 'anderes';
  code: RowErrorCode;
}

export type CheckResult =
  | { ok: true; node: PickerNode | undefined; rule: JsonLogicRule | undefined }
  | { ok: false; errors: RowError[] };

const NUMBER = /^-?\d{1,15}(?:[.,]\d{1,10})?$/;

function readValue(
  field: Field,
  kind: ValueKind,
  raw: string,
): { ok: true; value: PickerValue } | { ok: false; code: RowErrorCode } {
  const text = raw.trim();
  if (!text) return { ok: false, code: 'value-missing' };
  switch (kind) {
    case 'boolean':
      return text === 'ja' || text === 'nein'
        ? { ok: true, value: text === 'ja' }
        : { ok: false, code: 'value-boolean' };
    case 'option':
    case 'multi':
      return 'options' in field && field.options.some((o) => o.value === text)
        ? { ok: true, value: text }
        : { ok: false, code: 'value-option' };
    case 'number':
      return NUMBER.test(text)
        ? { ok: true, value: Number(text.replace(',', '.')) }
        : { ok: false, code: 'value-number' };
    case 'date':
      return isValidIsoDate(text) ? { ok: true, value: text } : { ok: false, code: 'value-date' };
    case 'text':
      return { ok: true, value: text };
  }
}

/**
 * The pickers of the form, checked against `fields` (the answers the rule may read): each row
 * needs a field among them, an operator that fits its type and a value of its type. An empty root
 * is no rule; a root with one row is that row, unless the rule was a group.
 */
export function checkRuleForm(
  form: RuleForm,
  fields: readonly Field[],
  options: RuleFormOptions = {},
): CheckResult {
  const byUid = new Map(fields.flatMap((f) => (f.uid ? [[f.uid, f] as const] : [])));
  const errors: RowError[] = [];
  const check = (node: FormNode, path: number[]): PickerNode | undefined => {
    const name = nameOf(path);
    if (node.kind === 'group') {
      const items = node.items.map((item, i) => check(item, [...path, i]));
      if (path.length > 0 && node.items.length === 0) errors.push({ name, part: 'art', code: 'group-empty' });
      return { kind: 'group', join: node.join, items: items.filter((x) => x !== undefined) };
    }
    if (!node.field) {
      errors.push({ name, part: 'feld', code: 'field-missing' });
      return undefined;
    }
    const field = byUid.get(node.field);
    const kind = field && valueKind(field);
    if (!field || !kind) {
      errors.push({ name, part: 'feld', code: 'field-unknown' });
      return undefined;
    }
    const operator = node.operator;
    if (!isOperator(operator) || !OPERATORS_FOR[kind].includes(operator)) {
      errors.push({ name, part: 'operator', code: 'operator-invalid' });
      return undefined;
    }
    if (operator === 'isTrue' || operator === 'isFalse')
      return { kind: 'condition', field: field.key, operator };
    if (options.compareFields && node.compare === 'feld' && isComparison(operator)) {
      if (!node.other) {
        errors.push({ name, part: 'anderes', code: 'other-missing' });
        return undefined;
      }
      const other = comparableFields(fields, field).find((f) => f.uid === node.other);
      if (!other) {
        errors.push({ name, part: 'anderes', code: 'other-unknown' });
        return undefined;
      }
      return { kind: 'condition', field: field.key, operator, other: other.key };
    }
    if (operator === 'oneOf') {
      const values = node.values.map((v) => v.trim()).filter(Boolean);
      if (values.length === 0) {
        errors.push({ name, part: 'wert', code: 'value-missing' });
        return undefined;
      }
      const read = values.map((v) => readValue(field, kind, v));
      const bad = read.find((r) => !r.ok);
      if (bad && !bad.ok) {
        errors.push({ name, part: 'wert', code: bad.code });
        return undefined;
      }
      return { kind: 'condition', field: field.key, operator, values };
    }
    const value = readValue(field, kind, node.value);
    if (!value.ok) {
      errors.push({ name, part: 'wert', code: value.code });
      return undefined;
    }
    return { kind: 'condition', field: field.key, operator, value: value.value };
  };
  const root = check(form.root, []) as Extract<PickerNode, { kind: 'group' }>;
  if (errors.length > 0) return { ok: false, errors };
  const node =
    root.items.length === 0 ? undefined : root.items.length === 1 && !form.rootIsGroup ? root.items[0] : root;
  return { ok: true, node, rule: node === undefined ? undefined : toJsonLogic(node) };
}

const valueText = (value: PickerValue): string =>
  typeof value === 'boolean' ? (value ? 'ja' : 'nein') : String(value);

/**
 * The form of a stored rule, or undefined when the form cannot show it exactly: not pickers, a
 * field the rule may not read, an operator or value that does not fit the field. Only a rule that
 * the form would save unchanged is shown in it; every other rule stays JSON, never rewritten.
 */
export function formOfRule(
  rule: JsonLogicRule | undefined,
  fields: readonly Field[],
  options: RuleFormOptions = {},
): RuleForm | undefined {
  if (rule === undefined) return { root: { kind: 'group', join: 'and', items: [] }, rootIsGroup: false };
  const read = readPickers(rule);
  if (!read.ok) return undefined;
  const byKey = new Map(fields.map((f) => [f.key, f]));
  let known = true;
  const toForm = (node: PickerNode): FormNode => {
    if (node.kind === 'group') return { kind: 'group', join: node.join, items: node.items.map(toForm) };
    const field = byKey.get(node.field);
    if (!field?.uid) known = false;
    const values = 'values' in node ? node.values : 'value' in node ? [valueText(node.value)] : [];
    let other = '';
    if ('other' in node) {
      other = byKey.get(node.other)?.uid ?? '';
      if (!options.compareFields || !other) known = false;
    }
    return {
      kind: 'condition',
      field: field?.uid ?? '',
      operator: node.operator,
      value: values[0] ?? '',
      values,
      compare: 'other' in node ? 'feld' : 'wert',
      other,
    };
  };
  const top = toForm(read.node);
  // Deeper or longer than the form posts back: shown as JSON rather than refused on the way back.
  const fits = (node: FormNode, depth: number): boolean =>
    node.kind === 'condition'
      ? depth <= MAX_DEPTH
      : depth < MAX_DEPTH && node.items.every((item) => fits(item, depth + 1));
  if (!fits(top, top.kind === 'group' ? 0 : 1) || countRows(top) > MAX_ROWS) return undefined;
  const form: RuleForm =
    top.kind === 'group'
      ? { root: top, rootIsGroup: true }
      : { root: { kind: 'group', join: 'and', items: [top] }, rootIsGroup: false };
  if (!known) return undefined;
  const back = checkRuleForm(form, fields, options);
  return back.ok && JSON.stringify(back.rule) === JSON.stringify(rule) ? form : undefined;
}
