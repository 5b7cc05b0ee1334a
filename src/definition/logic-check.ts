/**
 * Publish-time checks of JSON Logic rules beyond references (see `rule-check.ts`): type mismatches
 * between an answer and a literal, rules that are constant, and what kind of value a computed
 * value or fee rule produces. Cheap and conservative: where a rule is too dynamic to judge, the
 * checks that guard fill-in time (fee, computed arithmetic) refuse it rather than let it pass.
 */
import { isLogicObject, SCOPED_OPERATORS } from './jsonlogic-operators.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { varKey } from './rule-refs.ts';
import type { Field } from './types.ts';

/** What the checks need to know about an answer field. */
export interface FieldFacts {
  field: Field;
  /** Always present in a complete application: required, no showIf on field or step, no requiredIf. */
  alwaysAnswered: boolean;
}

/** Same as the schema's ISO_DATE_PATTERN (not imported: this module also ships to the browser). */
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** True when the rule reads no data at all, so its value is the same for every application. */
export function isConstantRule(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.every(isConstantRule);
  if (!isLogicObject(rule)) return true;
  const op = Object.keys(rule)[0] as string;
  if (op === 'var' || op === 'missing' || op === 'missing_some') return false;
  const raw = rule[op];
  const args = Array.isArray(raw) ? raw : [raw];
  // Scoped bodies read array elements, which come from the (constant) source here.
  return args.every(isConstantRule);
}

const EQUALITY = new Set(['==', '===', '!=', '!==']);
const ORDER = new Set(['<', '<=', '>', '>=']);

function describe(value: unknown): string {
  return JSON.stringify(value);
}

/** Why comparing field `facts` with `literal` is a mistake, or undefined when it may be fine. */
function literalMismatch(field: Field, literal: unknown, ordering: boolean): string | undefined {
  // null is how a missing answer reads: comparing with it is a test for "not answered".
  if (literal === null || isLogicObject(literal) || Array.isArray(literal)) return undefined;
  const k = field.key;
  switch (field.type) {
    case 'yesno':
    case 'declaration':
      if (ordering) return `compares yes/no field '${k}' by order; use == with true or false`;
      return typeof literal === 'boolean'
        ? undefined
        : `compares yes/no field '${k}' with ${describe(literal)}; its answer is true or false`;
    case 'number':
    case 'currency':
      return typeof literal === 'number'
        ? undefined
        : `compares number field '${k}' with ${describe(literal)}; use a number literal`;
    case 'select':
    case 'radio':
      if (ordering) return undefined;
      if (typeof literal !== 'string')
        return `compares choice field '${k}' with ${describe(literal)}; use one of its option values`;
      return field.options.some((o) => o.value === literal)
        ? undefined
        : `compares choice field '${k}' with '${literal}', which is not one of its option values (${field.options.map((o) => o.value).join(', ')})`;
    case 'date':
      return typeof literal === 'string' && ISO_DATE.test(literal)
        ? undefined
        : `compares date field '${k}' with ${describe(literal)}; use an ISO date such as "2024-12-31"`;
    case 'checkbox':
      return `compares checkbox field '${k}' (a list) with ${describe(literal)}; use {"in": ["value", {"var": "${k}"}]}`;
    case 'group':
      return `compares repeating group '${k}' (a list of items) with ${describe(literal)}; read its items with some, all, none, filter, map or reduce`;
    default:
      return undefined;
  }
}

/** Comparisons of an answer with a literal that can never mean what the designer wrote. */
export function checkTypes(
  rule: unknown,
  path: string,
  fieldOf: (key: string) => Field | undefined,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const walk = (node: unknown, at: string, scoped: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, pointer(at, i), scoped);
      });
      return;
    }
    if (!isLogicObject(node)) return;
    const op = Object.keys(node)[0] as string;
    const opPath = pointer(at, op);
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    if (!scoped && (EQUALITY.has(op) || ORDER.has(op)) && Array.isArray(raw)) {
      args.forEach((arg, i) => {
        const v = varKey(arg);
        if (!v || v.hasDefault) return;
        const field = fieldOf(v.key);
        if (!field) return;
        args.forEach((other, j) => {
          if (j === i) return;
          const why = literalMismatch(field, other, ORDER.has(op));
          if (why) problems.push({ path: pointer(opPath, j), message: why });
        });
      });
    }
    if (!scoped && op === 'in' && Array.isArray(raw) && args.length === 2) {
      const [needle, haystack] = args;
      const v = varKey(needle);
      const field = v && !v.hasDefault ? fieldOf(v.key) : undefined;
      if (field && Array.isArray(haystack)) {
        haystack.forEach((item, j) => {
          const why = literalMismatch(field, item, false);
          if (why) problems.push({ path: pointer(pointer(opPath, 1), j), message: why });
        });
      }
      const list = varKey(haystack);
      const listField = list && !list.hasDefault ? fieldOf(list.key) : undefined;
      if (listField?.type === 'checkbox' && !isLogicObject(needle)) {
        if (typeof needle !== 'string' || !listField.options.some((o) => o.value === needle)) {
          problems.push({
            path: pointer(opPath, 0),
            message: `${describe(needle)} is not an option value of checkbox field '${listField.key}' (${listField.options.map((o) => o.value).join(', ')})`,
          });
        }
      }
    }
    args.forEach((arg, i) => {
      walk(
        arg,
        Array.isArray(raw) ? pointer(opPath, i) : opPath,
        scoped || (SCOPED_OPERATORS.has(op) && i === 1),
      );
    });
  };
  walk(rule, path, false);
  return problems;
}

/** What a computed value or fee rule produces, as far as arithmetic cares. */
export interface ValueInfo {
  type: 'int' | 'number' | 'boolean' | 'string' | 'array' | 'null' | 'unknown';
  /** Never below zero. */
  nonNegative: boolean;
  /** Can be `null` (a missing answer). */
  nullable: boolean;
}

const UNKNOWN: ValueInfo = { type: 'unknown', nonNegative: false, nullable: true };

function join(a: ValueInfo, b: ValueInfo): ValueInfo {
  let type: ValueInfo['type'];
  if (a.type === b.type) type = a.type;
  else if (a.type === 'null') type = b.type;
  else if (b.type === 'null') type = a.type;
  else if ((a.type === 'int' || a.type === 'number') && (b.type === 'int' || b.type === 'number'))
    type = 'number';
  else type = 'unknown';
  return { type, nonNegative: a.nonNegative && b.nonNegative, nullable: a.nullable || b.nullable };
}

function literalInfo(value: unknown): ValueInfo {
  if (value === null || value === undefined) return { type: 'null', nonNegative: true, nullable: true };
  if (typeof value === 'number')
    return { type: Number.isInteger(value) ? 'int' : 'number', nonNegative: value >= 0, nullable: false };
  if (typeof value === 'boolean') return { type: 'boolean', nonNegative: true, nullable: false };
  if (typeof value === 'string') return { type: 'string', nonNegative: true, nullable: false };
  if (Array.isArray(value)) return { type: 'array', nonNegative: true, nullable: false };
  return UNKNOWN;
}

export function fieldValueInfo(facts: FieldFacts): ValueInfo {
  const f = facts.field;
  const nullable = !facts.alwaysAnswered;
  switch (f.type) {
    case 'number':
      return {
        type: f.integer === false ? 'number' : 'int',
        nonNegative: f.min !== undefined && f.min >= 0,
        nullable,
      };
    case 'currency':
      return { type: 'int', nonNegative: f.min === undefined || f.min >= 0, nullable };
    case 'yesno':
    case 'declaration':
      return { type: 'boolean', nonNegative: true, nullable };
    case 'checkbox':
    case 'group':
    case 'file':
      return { type: 'array', nonNegative: true, nullable };
    case 'address':
    case 'foreignAddress':
      // A record of parts: rules may test it for presence, nothing else is typed.
      return { type: 'unknown', nonNegative: false, nullable };
    default:
      return { type: 'string', nonNegative: true, nullable };
  }
}

/**
 * Infers what a rule produces and reports arithmetic that can go wrong at fill-in time: operands
 * that may be missing (`null` makes `+` and `*` NaN), that are not numbers, or division.
 */
export function inferValue(
  rule: unknown,
  path: string,
  infoOf: (key: string) => ValueInfo | undefined,
  problems: DefinitionProblem[],
): ValueInfo {
  const numeric = (info: ValueInfo, at: string, op: string): void => {
    if (info.type !== 'int' && info.type !== 'number') {
      problems.push({
        path: at,
        message: `'${op}' needs numbers here, but this can be ${info.type === 'unknown' ? 'any value' : `a ${info.type}`}`,
      });
    } else if (info.nullable && op !== '-' && op !== 'max' && op !== 'min') {
      problems.push({
        path: at,
        message: `this value can be missing, which makes '${op}' produce NaN; give a default, e.g. {"var": ["key", 0]}`,
      });
    }
  };
  const infer = (node: unknown, at: string): ValueInfo => {
    if (Array.isArray(node)) return { type: 'array', nonNegative: true, nullable: false };
    if (!isLogicObject(node)) return literalInfo(node);
    const op = Object.keys(node)[0] as string;
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const opPath = pointer(at, op);
    const argPath = (i: number) => (Array.isArray(raw) ? pointer(opPath, i) : opPath);
    switch (op) {
      case 'var': {
        const v = varKey(node);
        if (!v) return UNKNOWN;
        const info = infoOf(v.key) ?? UNKNOWN;
        if (!v.hasDefault) return info;
        const fallback = infer(v.fallback, argPath(1));
        return join({ ...info, nullable: false }, fallback);
      }
      case 'if':
      case '?:': {
        let result: ValueInfo | undefined;
        let i = 0;
        for (; i < args.length - 1; i += 2) {
          const branch = infer(args[i + 1], argPath(i + 1));
          result = result ? join(result, branch) : branch;
        }
        const last = i === args.length - 1 ? infer(args[i], argPath(i)) : literalInfo(null);
        return result ? join(result, last) : last;
      }
      case '+':
      case '*': {
        if (args.length === 0) {
          problems.push({ path: opPath, message: `'${op}' needs at least one argument` });
          return UNKNOWN;
        }
        const infos = args.map((a, i) => infer(a, argPath(i)));
        infos.forEach((info, i) => {
          numeric(info, argPath(i), op);
        });
        return {
          type: infos.every((x) => x.type === 'int') ? 'int' : 'number',
          nonNegative: infos.every((x) => x.nonNegative),
          nullable: false,
        };
      }
      case '-': {
        const infos = args.map((a, i) => infer(a, argPath(i)));
        infos.forEach((info, i) => {
          numeric(info, argPath(i), op);
        });
        return {
          type: infos.every((x) => x.type === 'int') ? 'int' : 'number',
          nonNegative: false,
          nullable: false,
        };
      }
      case 'max':
      case 'min': {
        if (args.length === 0) {
          problems.push({ path: opPath, message: `'${op}' needs at least one argument` });
          return UNKNOWN;
        }
        const infos = args.map((a, i) => infer(a, argPath(i)));
        infos.forEach((info, i) => {
          numeric(info, argPath(i), op);
        });
        return {
          type: infos.every((x) => x.type === 'int') ? 'int' : 'number',
          nonNegative: op === 'max' ? infos.some((x) => x.nonNegative) : infos.every((x) => x.nonNegative),
          nullable: false,
        };
      }
      case '/':
      case '%': {
        const infos = args.map((a, i) => infer(a, argPath(i)));
        infos.forEach((info, i) => {
          numeric(info, argPath(i), op);
        });
        const divisor = args[1];
        if (typeof divisor !== 'number' || divisor === 0) {
          problems.push({
            path: argPath(1),
            message: `'${op}' by a value that may be zero; divide only by a non-zero number literal`,
          });
        }
        return {
          type: op === '%' && infos.every((x) => x.type === 'int') ? 'int' : 'number',
          nonNegative: infos.every((x) => x.nonNegative),
          nullable: false,
        };
      }
      case '==':
      case '===':
      case '!=':
      case '!==':
      case '<':
      case '<=':
      case '>':
      case '>=':
      case '!':
      case '!!':
      case 'in':
      case 'all':
      case 'some':
      case 'none':
        return { type: 'boolean', nonNegative: true, nullable: false };
      case 'reduce': {
        // The result is the accumulator: the initial value, then whatever the body makes of it.
        // The body reads `accumulator` (typed like the initial value) and `current` (any value).
        const initial = infer(args[2], argPath(2));
        const scoped = (key: string): ValueInfo | undefined =>
          key === 'accumulator' ? { ...initial, nullable: false } : key === 'current' ? UNKNOWN : undefined;
        const body = inferValue(args[1], argPath(1), scoped, problems);
        return join(initial, body);
      }
      case 'cat':
      case 'substr':
        return { type: 'string', nonNegative: true, nullable: false };
      case 'merge':
      case 'map':
      case 'filter':
      case 'missing':
      case 'missing_some':
        return { type: 'array', nonNegative: true, nullable: false };
      case 'and':
      case 'or': {
        const infos = args.map((a, i) => infer(a, argPath(i)));
        return infos.reduce(join, infos[0] ?? UNKNOWN);
      }
      default:
        return UNKNOWN;
    }
  };
  return infer(rule, path);
}
