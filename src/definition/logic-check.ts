/**
 * Publish-time checks of JSON Logic rules beyond references (see `rule-check.ts`): type mismatches
 * between an answer and a literal, rules that are constant, and what kind of value a computed
 * value or fee rule produces. Cheap and conservative: where a rule is too dynamic to judge, the
 * checks that guard fill-in time (fee, computed arithmetic) refuse it rather than let it pass.
 */
import { describe } from './field-types/operands.ts';
import { factsOf } from './field-types/table.ts';
import { isLogicObject, SCOPED_OPERATORS } from './jsonlogic-operators.ts';
import { type DefinitionProblem, pointer } from './problems.ts';
import { varKey } from './rule-refs.ts';
import type { Field } from './types.ts';
import type { ValueInfo } from './value-info.ts';

export type { ValueInfo } from './value-info.ts';

/** What the checks need to know about an answer field. */
export interface FieldFacts {
  field: Field;
  /** Always present in a complete application: required, no showIf on field or step, no requiredIf. */
  alwaysAnswered: boolean;
}

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

/** Why comparing field `field` with `literal` is a mistake, or undefined when it may be fine. */
function literalMismatch(field: Field, literal: unknown, ordering: boolean): string | undefined {
  // null is how a missing answer reads: comparing with it is a test for "not answered".
  if (literal === null || isLogicObject(literal) || Array.isArray(literal)) return undefined;
  return factsOf(field).operand?.mismatch(field, literal, ordering);
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
  const operand = factsOf(facts.field).operand;
  // Text blocks have no answer; rules that read one are refused before anything asks this.
  if (!operand) return UNKNOWN;
  return { ...operand.value(facts.field), nullable: !facts.alwaysAnswered };
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
